import type { z } from 'zod';
import { API_CHANNELS, type ApiChannels } from './domains';

/**
 * The one API between the renderer and main, derived from the channels' declarations
 * (src-main/api/domains/): each channel's input and output schemas, which main validates both
 * (src-main/api/dispatcher.ts). The renderer imports only the types.
 */
export type Contract = { [C in keyof ApiChannels]: Pick<ApiChannels[C], 'input' | 'output'> };
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const contract: Contract = API_CHANNELS;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(API_CHANNELS, value);
}

export {
  apiErrorSchema,
  AUDIT_BREAK_KINDS,
  ERROR_CODES,
  type AddendumView,
  type ApiError,
  type AuditStatusView,
  type AuditVerificationView,
  type CustodyEventView,
  type Envelope,
  type ErrorCode,
  type EvidenceFileView,
  type EvidenceItemView,
  type HearingSummary,
  type PrintedDocumentView,
  type RiskAssessmentView,
  type RiskQueueItem,
  type SessionView,
  type StoredAnswer,
  type SupportServiceView,
  type UnitView,
  type UserView,
} from './schemas';
export { type StatisticsRowView } from './domains/statistics';
export { evidenceUploadSchema } from './domains/evidence';
