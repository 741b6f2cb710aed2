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
    handler: (_input, { deps }) => ({ services: deps.directory.list() }),
  }),
  'directory.save': defineChannel({
    input: z.object({ id: id.optional(), service: supportServiceSchema }).strict(),
    output: z.object({ service: supportServiceView }),
    access: unlocked(['administrator']),
    handler: (input, { user, deps }) => ({ service: deps.directory.save(user, input.id, input.service) }),
  }),
});
