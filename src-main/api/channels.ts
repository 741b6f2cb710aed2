import type { Channel } from './contract';
import { CHANNEL_NAMES } from './channel-names';

/**
 * Names alone, without schemas, so the preload's allow-list stays small: CHANNEL_NAMES is
 * written from the channels' declarations (src-main/api/domains/) by
 * `npx tsx src-main/api/write-channel-names.ts`, and the type check below fails until it matches
 * them (as does test/unit/api-channels.test.ts).
 */
export { CHANNEL_NAMES };
export type ChannelName = (typeof CHANNEL_NAMES)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Run `npx tsx src-main/api/write-channel-names.ts` when this fails: a channel was added, renamed or removed. */
const channelNamesMatchTheDeclarations: Same<ChannelName, Channel> = true;
void channelNamesMatchTheDeclarations;

/** Events main may push to the renderer. */
export const EVENT_NAMES = ['session.changed'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** The IPC channels the preload uses under the hood; the renderer never sees them. */
export const IPC_INVOKE = 'hearing-desk:invoke';
export const IPC_EVENT = 'hearing-desk:event';

/** What the preload exposes as `window.hearingDesk`, and what the browser host's client mimics. */
export interface HearingDeskBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}
