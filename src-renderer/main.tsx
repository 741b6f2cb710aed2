import './boot';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './i18n';
// In this order: each file refines the ones before it.
import './styles/base.css';
import './styles/steps.css';
import './styles/risk.css';
import './styles/accounts-statistics.css';
import './styles/evidence.css';
import './styles/documents.css';
import './styles/languages.css';
import './styles/copy-review.css';
import './styles/audit.css';

await initI18n();
const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
