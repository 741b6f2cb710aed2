import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { parseRoute } from './app/navigation';
import { initI18n } from './i18n';
import { preloadHearing } from './screens/HearingScreen';
import './styles.css';

const route = parseRoute(location.hash);
if (route.screen === 'hearing') preloadHearing(route.hearingId);
await initI18n();
const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
