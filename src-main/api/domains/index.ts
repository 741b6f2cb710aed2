import type { OutputsChecked } from '../channel';
import { auditChannels } from './audit';
import { directoryChannels } from './directory';
import { documentsChannels } from './documents';
import { evidenceChannels } from './evidence';
import { followUpsChannels } from './follow-ups';
import { hearingsChannels } from './hearings';
import { pairsChannels } from './pairs';
import { personsChannels } from './persons';
import { phoneCheckChannels } from './phone-check';
import { riskChannels } from './risk';
import { sessionChannels } from './session';
import { setupChannels } from './setup';
import { statisticsChannels } from './statistics';
import { unitsChannels } from './units';
import { usersChannels } from './users';

/**
 * Every channel of the API, from its domain's module: the contract, the dispatcher, the preload's
 * allow-list (channel-names.ts), the browser host and the renderer's client all follow from this.
 * A new channel goes into its domain's module; only a new domain is added here.
 */
export const API_CHANNELS = {
  ...setupChannels,
  ...sessionChannels,
  ...usersChannels,
  ...unitsChannels,
  ...hearingsChannels,
  ...personsChannels,
  ...pairsChannels,
  ...riskChannels,
  ...directoryChannels,
  ...statisticsChannels,
  ...documentsChannels,
  ...followUpsChannels,
  ...evidenceChannels,
  ...phoneCheckChannels,
  ...auditChannels,
};
export type ApiChannels = typeof API_CHANNELS;

// Each handler returns what its output schema says (a statement of its own: see channel.ts).
void (API_CHANNELS satisfies OutputsChecked<ApiChannels>);
