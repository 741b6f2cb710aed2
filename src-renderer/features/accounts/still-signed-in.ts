import { call } from '../../api/client';

/**
 * Main gives one answer to every refused password, and ends the session when the refusals locked
 * the account (or it was deactivated meanwhile): whether the window is still signed in tells which.
 */
export async function stillSignedIn(): Promise<boolean> {
  const result = await call('session.current', {});
  return result.ok && result.value.user !== null;
}
