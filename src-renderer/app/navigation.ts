import { useSyncExternalStore } from 'react';

/** Screens are addressed by the URL hash, so a reload (or F5 in Electron) returns to the same place. */
export type Route =
  | { screen: 'home' }
  | { screen: 'hearing'; hearingId: string; step?: string; field?: string }
  | { screen: 'users' }
  | { screen: 'directory' }
  | { screen: 'queue' }
  | { screen: 'statistics' }
  | { screen: 'languages' }
  | { screen: 'audit' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseRoute(hash: string): Route {
  const [, screen, id, step, field] = hash.replace(/^#/, '').split('/');
  const name = /^[a-z][a-zA-Z0-9-]*$/;
  if (screen === 'hearing' && id && UUID.test(id)) {
    if (!step || !name.test(step)) return { screen: 'hearing', hearingId: id };
    return field && name.test(field)
      ? { screen: 'hearing', hearingId: id, step, field }
      : { screen: 'hearing', hearingId: id, step };
  }
  if (screen === 'users') return { screen: 'users' };
  if (screen === 'directory') return { screen: 'directory' };
  if (screen === 'queue') return { screen: 'queue' };
  if (screen === 'statistics') return { screen: 'statistics' };
  if (screen === 'languages') return { screen: 'languages' };
  if (screen === 'audit') return { screen: 'audit' };
  return { screen: 'home' };
}

export function hrefOf(route: Route): string {
  if (route.screen === 'hearing')
    return `#/hearing/${route.hearingId}${route.step ? `/${route.step}` : ''}${route.step && route.field ? `/${route.field}` : ''}`;
  if (route.screen === 'queue') return '#/queue';
  if (route.screen === 'statistics') return '#/statistics';
  if (route.screen === 'languages') return '#/languages';
  if (route.screen === 'audit') return '#/audit';
  return route.screen === 'users' ? '#/users' : route.screen === 'directory' ? '#/directory' : '#/';
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
