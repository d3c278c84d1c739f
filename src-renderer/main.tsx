import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { installAntdReact19Render } from './app/antdReact19.ts';
import { installDesktopIntegration } from './app/desktopIntegration.ts';
import './app/app.css';

installAntdReact19Render();
installDesktopIntegration();

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
