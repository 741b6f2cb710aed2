import { z } from 'zod';
import { defineChannel, defineDomain, EVERY_ROLE, PUBLIC, SIGNED_IN, unlocked } from '../channel';
import { empty, password, sessionView, username } from '../schemas';

/** A window's session: sign in and out, lock and unlock, her own password. */
export const sessionChannels = defineDomain('session', {
  'session.current': defineChannel({
    input: empty,
    output: sessionView,
    access: PUBLIC,
    handler: (_input, { session }) => session.view(),
  }),
  'session.login': defineChannel({
    input: z.object({ username, password }).strict(),
    output: sessionView,
    access: PUBLIC,
    handler: async (input, { deps, session }) => {
      await session.forget();
      return session.start(await deps.users.authenticate(input.username, input.password, 'login'));
    },
  }),
  'session.logout': defineChannel({
    input: empty,
    output: sessionView,
    access: PUBLIC,
    handler: async (_input, { session }) => {
      await session.end();
      return session.view();
    },
  }),
  'session.lock': defineChannel({
    input: empty,
    output: sessionView,
    access: SIGNED_IN,
    handler: async (_input, { session }) => {
      await session.lock();
      return session.view();
    },
  }),
  'session.unlock': defineChannel({
    input: z.object({ password }).strict(),
    output: sessionView,
    access: SIGNED_IN,
    handler: async (input, { user, deps, session }) => {
      try {
        await deps.users.authenticate(user.username, input.password, 'unlock');
      } catch (error) {
        // The answer does not say why; an account locked out (or deactivated) meanwhile does not
        // stay signed in behind the lock screen.
        if (!(await deps.users.canSignIn(user.id))) await session.end();
        throw error;
      }
      await session.unlock();
      return session.view();
    },
  }),
  'session.changePassword': defineChannel({
    input: z.object({ currentPassword: password, newPassword: password }).strict(),
    output: sessionView,
    access: unlocked(EVERY_ROLE, { passwordChangePending: true }),
    handler: async (input, { user, deps, session }) => {
      try {
        await deps.users.changeOwnPassword(user, input.currentPassword, input.newPassword);
      } catch (error) {
        // As with unlocking: a locked-out account does not stay signed in.
        if (!(await deps.users.canSignIn(user.id))) await session.end();
        throw error;
      }
      return session.view();
    },
  }),
});
