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
  'setup.createAdministrator': defineChannel({
    input: z.object({ username, displayName, password }).strict(),
    output: sessionView,
    access: PUBLIC,
    handler: async (input, { deps, session }) => session.start(await deps.users.createFirstAdministrator(input)),
  }),
});
