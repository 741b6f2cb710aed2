/** Who uses Hearing Desk: the officer hears, the supervisor reviews risk, the administrator runs the zone's accounts. */
export const ROLES = ['officer', 'supervisor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];
