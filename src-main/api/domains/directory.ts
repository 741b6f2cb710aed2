import { z } from 'zod';
import { supportServiceSchema } from '../../../domain/support-directory';
import { defineChannel, defineDomain, EVERY_ROLE, unlocked } from '../channel';
import { empty, id, supportServiceView } from '../schemas';

/** The support services she is referred to. */
export const directoryChannels = defineDomain('directory', {
  'directory.list': defineChannel({
    input: empty,
    output: z.object({ services: z.array(supportServiceView) }),
    access: unlocked(EVERY_ROLE),
    handler: async (_input, { user, deps }) => ({ services: await deps.directory.list(user) }),
  }),
  'directory.save': defineChannel({
    input: z.object({ id: id.optional(), service: supportServiceSchema }).strict(),
    output: z.object({ service: supportServiceView }),
    access: unlocked(['administrator']),
    handler: async (input, { user, deps }) => ({
      service: await deps.directory.save(user, input.id, input.service),
    }),
  }),
});
