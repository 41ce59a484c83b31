import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AurixaClient } from '../api/client';
import '../ui/styles.css';
import { HospitalApp } from './App';

const client = new AurixaClient('aurixa.session.hospital');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HospitalApp client={client} />
  </StrictMode>,
);
