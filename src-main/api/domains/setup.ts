import { z } from 'zod';
import { defineChannel, defineDomain, PUBLIC } from '../channel';
import { displayName, empty, password, sessionView, username } from '../schemas';

/** The first run: whether an administrator exists yet, and creating her. */
export const setupChannels = defineDomain('setup', {
  'setup.status': defineChannel({
    input: empty,
    output: z.object({ needsSetup: z.boolean(), passwordMinLength: z.number().int().positive() }),
    access: PUBLIC,
    handler: async (_input, { deps }) => ({
      needsSetup: await deps.users.needsSetup(),
      passwordMinLength: deps.config.passwordMinLength,
    }),
  }),
  /**
   * Where this workstation keeps its records, for the screen to say: on itself (the standalone
   * app), or on its zone's server. A zone's workstation answers it itself, naming its server
   * (src-main/zone/zone-dispatcher.ts); the core that runs in-process is the standalone app's.
   */
  'setup.connection': defineChannel({
    input: empty,
    output: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('standalone') }),
      z.object({ mode: z.literal('zone'), server: z.string() }),
    ]),
    access: PUBLIC,
    handler: () => ({ mode: 'standalone' as const }),
  }),
  'setup.createAdministrator': defineChannel({
    input: z.object({ username, displayName, password }).strict(),
    output: sessionView,
    access: PUBLIC,
    handler: async (input, { deps, session }) => session.start(await deps.users.createFirstAdministrator(input)),
  }),
});
