import { z } from 'zod';
import { defineChannel, defineDomain, unlocked } from '../channel';
import {
  displayName,
  empty,
  id,
  password,
  role,
  serviceNumber,
  serviceNumberValue,
  userView,
  username,
} from '../schemas';

const ADMINISTRATOR = unlocked(['administrator']);

/** The administrator's accounts. A change to an account signs out the windows it no longer fits. */
export const usersChannels = defineDomain('users', {
  'users.list': defineChannel({
    input: empty,
    output: z.object({ users: z.array(userView) }),
    access: ADMINISTRATOR,
    handler: async (_input, { user, deps }) => ({ users: await deps.users.listUsers(user) }),
  }),
  'users.create': defineChannel({
    // Officers and supervisors need a unit, administrators have none (UNIT_REQUIRED, UNIT_NOT_ALLOWED).
    input: z
      .object({ username, displayName, password, role, unitId: id.nullable().default(null), serviceNumber })
      .strict(),
    output: z.object({ user: userView }),
    access: ADMINISTRATOR,
    handler: async (input, { user, deps }) => ({ user: await deps.users.createUser(user, input) }),
  }),
  'users.update': defineChannel({
    // Left out, the service number stays as it is; null clears it.
    input: z
      .object({ userId: id, displayName, role, unitId: id.nullable(), serviceNumber: serviceNumberValue.optional() })
      .strict(),
    output: z.object({ user: userView }),
    access: ADMINISTRATOR,
    handler: async (input, { user: admin, deps, session }) => {
      const before = await deps.users.getActiveUser(input.userId);
      const user = await deps.users.updateUser(admin, input.userId, input);
      // Her open windows were built for the role she had.
      if (before && before.role !== user.role) await session.endSessionsOf(user.id);
      return { user };
    },
  }),
  'users.setActive': defineChannel({
    input: z.object({ userId: id, active: z.boolean() }).strict(),
    output: z.object({ user: userView }),
    access: ADMINISTRATOR,
    handler: async (input, { user: admin, deps, session }) => {
      const user = await deps.users.setActive(admin, input.userId, input.active);
      if (!user.active) await session.endSessionsOf(user.id);
      return { user };
    },
  }),
  'users.resetPassword': defineChannel({
    input: z.object({ userId: id, password }).strict(),
    output: z.object({ user: userView }),
    access: ADMINISTRATOR,
    handler: async (input, { user: admin, deps, session }) => {
      const user = await deps.users.resetPassword(admin, input.userId, input.password);
      await session.endSessionsOf(user.id);
      return { user };
    },
  }),
});
