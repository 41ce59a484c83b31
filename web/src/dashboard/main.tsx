import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AurixaClient } from '../api/client';
import '../ui/styles.css';
import { DashboardApp } from './App';

const client = new AurixaClient('aurixa.session.dashboard');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DashboardApp client={client} />
  </StrictMode>,
);
