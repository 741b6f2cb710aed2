import { useSyncExternalStore } from 'react';

/** Screens are addressed by the URL hash, so a reload (or F5 in Electron) returns to the same place. */
export type Route = { screen: 'home' } | { screen: 'hearing'; hearingId: string; step?: string } | { screen: 'users' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseRoute(hash: string): Route {
  const [, screen, id, step] = hash.replace(/^#/, '').split('/');
  if (screen === 'hearing' && id && UUID.test(id)) {
    return step && /^[a-z][a-zA-Z0-9-]*$/.test(step) ? { screen: 'hearing', hearingId: id, step } : { screen: 'hearing', hearingId: id };
  }
  if (screen === 'users') return { screen: 'users' };
  return { screen: 'home' };
}

export function hrefOf(route: Route): string {
  if (route.screen === 'hearing') return `#/hearing/${route.hearingId}${route.step ? `/${route.step}` : ''}`;
  return route.screen === 'users' ? '#/users' : '#/';
}

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
