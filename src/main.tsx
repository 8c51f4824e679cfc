import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { getEngine } from './app/engineClient.ts';
import { startOfflineSupport } from './app/pwa.ts';
import { followHistory, useApp } from './app/store.ts';
import './app/styles.css';

// The worker starts loading before the first render; its stages feed the store.
getEngine((stage, status) => useApp.getState().setStage(stage, status));
followHistory();
void useApp.getState().loadList();
startOfflineSupport();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
