/**
 * Channel and event names alone, without schemas, so the preload's allow-list stays small.
 * The contract (contract.ts) must define exactly these channels; the type check enforces it.
 */
export const CHANNEL_NAMES = [
  'setup.status',
  'setup.createAdministrator',
  'session.current',
  'session.login',
  'session.logout',
  'session.lock',
  'session.unlock',
  'session.changePassword',
  'users.list',
  'users.create',
  'users.update',
  'users.setActive',
  'users.resetPassword',
  'units.list',
  'units.save',
  'hearings.create',
  'hearings.listMine',
  'hearings.load',
  'hearings.saveAnswers',
  'hearings.approveStatement',
  'hearings.addAddendum',
  'hearings.close',
  'risk.history',
  'risk.submit',
  'risk.review',
  'risk.noteEvent',
  'risk.queue',
  'directory.list',
  'directory.save',
  'statistics.export',
  'documents.create',
  'documents.list',
  'documents.download',
  'documents.save',
  'documents.followUps',
  'documents.victimCatalogs',
  'documents.reviewPreview',
  'documents.saveReview',
  'evidence.list',
  'evidence.save',
  'evidence.recordCustody',
  'evidence.importFiles',
  'evidence.verifyFile',
  'audit.verify',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

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
