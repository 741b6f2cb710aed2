import { useSyncExternalStore } from 'react';

/** Screens are addressed by the URL hash, so a reload (or F5 in Electron) returns to the same place. */
export type Route = { screen: 'home' } | { screen: 'hearing'; hearingId: string } | { screen: 'users' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseRoute(hash: string): Route {
  const [, screen, id] = hash.replace(/^#/, '').split('/');
  if (screen === 'hearing' && id && UUID.test(id)) return { screen: 'hearing', hearingId: id };
  if (screen === 'users') return { screen: 'users' };
  return { screen: 'home' };
}

export function navigate(route: Route): void {
  location.hash = route.screen === 'hearing' ? `#/hearing/${route.hearingId}` : route.screen === 'users' ? '#/users' : '#/';
}

function subscribe(onChange: () => void): () => void {
  addEventListener('hashchange', onChange);
  return () => removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseRoute(hash);
}
