import { z } from 'zod';
import { defineChannel, defineDomain, unlocked } from '../channel';
import { auditStatusView } from '../schemas';

/** The keyed audit trail, verified on demand by the administrator. */
export const auditChannels = defineDomain('audit', {
  /** `sinceCheckpoint`: the entries since the last verified one (quick); `full`: from the first entry. */
  'audit.verify': defineChannel({
    input: z.object({ scope: z.enum(['sinceCheckpoint', 'full']) }).strict(),
    output: auditStatusView,
    access: unlocked(['administrator']),
    handler: (input, { user, deps }) => deps.audit.verify(input.scope, user.id),
  }),
});
