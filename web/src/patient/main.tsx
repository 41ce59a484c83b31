import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AurixaClient } from '../api/client';
import '../ui/styles.css';
import { PatientApp } from './App';

const client = new AurixaClient('aurixa.session.patient');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PatientApp client={client} />
  </StrictMode>,
);
