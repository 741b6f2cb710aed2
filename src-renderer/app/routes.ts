import type { Role } from '../../domain/roles';
import type { OfficerKey } from '../../forms/translation';

/**
 * Every screen of the signed-in app, once: its address (`#/<name>`), who may open it and its link
 * in the top bar. Links, navigation and the role checks follow from this table; `screens.tsx` gives
 * each its component (the type check asks for one). Order is the top bar's order.
 */
export const ROUTES = {
  home: { roles: ['officer', 'supervisor'], nav: 'hearings.mine' },
  hearing: { roles: ['officer', 'supervisor'] },
  users: { roles: ['administrator'], nav: 'users.title' },
  directory: { roles: ['administrator'], nav: 'directory.title' },
  queue: { roles: ['supervisor'], nav: 'risk.queue.title' },
  statistics: { roles: ['administrator', 'supervisor'], nav: 'statistics.title' },
  // Short: the top bar stays on one line at 1280 px; the page's heading says whose languages.
  languages: { roles: ['administrator'], nav: 'languages.nav' },
  audit: { roles: ['administrator'], nav: 'audit.nav' },
  indicators: { roles: ['administrator'], nav: 'phoneCheck.admin.nav' },
} as const satisfies Record<string, { roles: readonly Role[]; nav?: OfficerKey }>;

export type ScreenName = keyof typeof ROUTES;

/** Screens are addressed by the URL hash, so a reload (or F5 in Electron) returns to the same place. */
export type Route =
  { screen: 'hearing'; hearingId: string; step?: string; field?: string } | { screen: Exclude<ScreenName, 'hearing'> };

const SCREEN_NAMES = Object.keys(ROUTES) as ScreenName[];

/** Where each role lands, and what it sees at an address it may not open. */
export function homeOf(role: Role): Route {
  return role === 'administrator' ? { screen: 'users' } : { screen: 'home' };
}

export function mayOpen(role: Role, screen: ScreenName): boolean {
  return (ROUTES[screen].roles as readonly Role[]).includes(role);
}

/** The screen shown for an address: the one it names if the role may open it, else the role's home. */
export function resolveRoute(route: Route, role: Role): Route {
  return mayOpen(role, route.screen) ? route : homeOf(role);
}

/** The top bar's links for a role, in the table's order. */
export function navigationOf(role: Role): { screen: Exclude<ScreenName, 'hearing'>; labelKey: OfficerKey }[] {
  return SCREEN_NAMES.flatMap((screen) => {
    const entry: { roles: readonly Role[]; nav?: OfficerKey } = ROUTES[screen];
    return screen !== 'hearing' && entry.nav && entry.roles.includes(role) ? [{ screen, labelKey: entry.nav }] : [];
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^[a-z][a-zA-Z0-9-]*$/;

export function parseRoute(hash: string): Route {
  const [, screen, id, step, field] = hash.replace(/^#/, '').split('/');
  if (screen === 'hearing' && id && UUID.test(id)) {
    if (!step || !NAME.test(step)) return { screen: 'hearing', hearingId: id };
    return field && NAME.test(field)
      ? { screen: 'hearing', hearingId: id, step, field }
      : { screen: 'hearing', hearingId: id, step };
  }
  const named = SCREEN_NAMES.find((name) => name === screen && name !== 'hearing' && name !== 'home');
  return named && named !== 'hearing' ? { screen: named } : { screen: 'home' };
}

export function hrefOf(route: Route): string {
  if (route.screen === 'hearing')
    return `#/hearing/${route.hearingId}${route.step ? `/${route.step}` : ''}${route.step && route.field ? `/${route.field}` : ''}`;
  return route.screen === 'home' ? '#/' : `#/${route.screen}`;
}
