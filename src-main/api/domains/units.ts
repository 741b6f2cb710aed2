import { z } from 'zod';
import { defineChannel, defineDomain, EVERY_ROLE, unlocked } from '../channel';
import { empty, id, unitName, unitView } from '../schemas';

export const unitsChannels = defineDomain('units', {
  // Every role sees unit names (her own unit, a hearing's unit); only the administrator changes them.
  'units.list': defineChannel({
    input: empty,
    output: z.object({ units: z.array(unitView) }),
    access: unlocked(EVERY_ROLE),
    handler: (_input, { deps }) => ({ units: deps.units.list() }),
  }),
  'units.save': defineChannel({
    input: z.object({ id: id.optional(), name: unitName }).strict(),
    output: z.object({ unit: unitView }),
    access: unlocked(['administrator']),
    handler: (input, { user, deps }) => ({ unit: deps.units.save(user, input.id, input.name) }),
  }),
});
