import type { SupportServiceInput } from '../../../domain/support-directory';
import type { SupportServiceView } from '../../../src-main/api/contract';

export const EMPTY_SERVICE: SupportServiceInput = {
  name: '',
  kind: 'victimSupport',
  region: 'national',
  languages: [],
  hours: '',
  phone: '',
  website: '',
  verifiedOn: null,
  active: true,
};

export function toInput(s: SupportServiceView): SupportServiceInput {
  return {
    name: s.name,
    kind: s.kind,
    region: s.region,
    languages: s.languages,
    hours: s.hours,
    phone: s.phone,
    website: s.website,
    verifiedOn: s.verifiedOn,
    active: s.active,
  };
}
