import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { ApiError, Channel, ChannelInput, ChannelOutput } from '../../src-main/api/contract';
import type { Api } from '../helpers/complete-hearing';

/**
 * The real API over the browser host's transport, as the signed-in window: for setting up what a
 * test is not about (accounts, units), the screens for those having tests of their own.
 */
export async function callApi<C extends Channel>(
  page: Page,
  channel: C,
  input: ChannelInput<C>,
  otherClient?: string,
): Promise<{ ok: boolean; value?: ChannelOutput<C>; error?: ApiError }> {
  const reply: unknown = await page.evaluate(
    async ([c, i, other]) => {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Hearing-Desk-Client': other ?? sessionStorage.getItem('hearing-desk.client-id') ?? '',
        },
        body: JSON.stringify({ channel: c, input: i }),
      });
      return (await response.json()) as unknown;
    },
    [channel as string, input as object, otherClient] as const,
  );
  return reply as { ok: boolean; value?: ChannelOutput<C>; error?: ApiError };
}

/** The page's window as an `Api`: each call's value, failing on an error (its code in the message). */
export function apiOfPage(page: Page): Api {
  return async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const result = await callApi(page, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error?.code}`);
    return result.value as ChannelOutput<C>;
  };
}

/**
 * An account made through the administrator's API, and its first sign-in, where the person
 * replaces the password she was given with `who.password`: through the API as a window of its
 * own, so the page stays the administrator's (the accounts screen test goes through the screens).
 */
export async function createAccount(page: Page, who: ChannelInput<'users.create'>): Promise<void> {
  const given = `temporary ${who.password}`;
  const created = await callApi(page, 'users.create', { ...who, password: given });
  expect(created.ok, JSON.stringify(created.error)).toBe(true);
  const window = `first-sign-in-${who.username}`;
  for (const reply of [
    await callApi(page, 'session.login', { username: who.username, password: given }, window),
    await callApi(page, 'session.changePassword', { currentPassword: given, newPassword: who.password }, window),
    await callApi(page, 'session.logout', {}, window),
  ]) {
    expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
  }
}

/** Opens `origin` on its sign-in screen and signs `who` in through the API, then shows the app as she sees it. */
export async function signedIn(page: Page, origin: string, who: { username: string; password: string }): Promise<void> {
  await page.goto(origin);
  await page.locator('input[type=password]').waitFor();
  const login = await callApi(page, 'session.login', { username: who.username, password: who.password });
  expect(login.ok, JSON.stringify(login.error)).toBe(true);
  await page.reload();
}
