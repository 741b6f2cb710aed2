import { z } from 'zod';
import { defineChannel, defineDomain, EVERY_ROLE, unlocked } from '../channel';
import { empty, id, unitName, unitView } from '../schemas';

export const unitsChannels = defineDomain('units', {
  // Every role sees unit names (her own unit, a hearing's unit); only the administrator changes them.
  'units.list': defineChannel({
    input: empty,
    output: z.object({ units: z.array(unitView) }),
    access: unlocked(EVERY_ROLE),
    handler: async (_input, { user, deps }) => ({ units: await deps.units.list(user) }),
  }),
  'units.save': defineChannel({
    input: z.object({ id: id.optional(), name: unitName }).strict(),
    output: z.object({ unit: unitView }),
    access: unlocked(['administrator']),
    handler: async (input, { user, deps }) => ({ unit: await deps.units.save(user, input.id, input.name) }),
  }),
});
