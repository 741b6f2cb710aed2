/**
 * The paths of `hearing-desk-server`'s API (src-main/server/server.ts), spoken by a zone's
 * workstations (zone-dispatcher.ts). Every request is a POST of JSON over mutual TLS, except an
 * upload (the file as the body) and the health check.
 */
export const ZONE_PATHS = {
  invoke: '/api/invoke',
  upload: '/api/upload',
  forget: '/api/session/forget',
  lockAll: '/api/session/lock-all',
  health: '/health',
} as const;
