// Before any module that builds a zod schema: the browser must never run zod's `new Function` probe (strict CSP).
import './lib/zod-jitless';
// Global styles first, so the components' own stylesheets (imported by the modules below) come after them.
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/surfaces.css';
import './styles/pages.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from './app/provider';
import { AppRouter } from './app/router';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <AppRouter />
    </AppProviders>
  </StrictMode>,
);
