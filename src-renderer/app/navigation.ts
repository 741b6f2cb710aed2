import { useSyncExternalStore } from 'react';
import { hrefOf, parseRoute, type Route } from './routes';

// The table, the parser and the link builder are in routes.ts (no React: boot.ts reads it first).
export { hrefOf, parseRoute, type Route } from './routes';

export function navigate(route: Route): void {
  location.hash = hrefOf(route);
}

function subscribe(onChange: () => void): () => void {
  addEventListener('hashchange', onChange);
  return () => removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseRoute(hash);
}
