import type { FormDefinitionInput } from '../definition-schema';
import { YES_NO } from './options';

/** Recipients she may agree to share her file with (Art. 15 §1: only with her consent). */
const RECIPIENTS = ['victimSupport', 'specialisedService', 'medical', 'childProtection', 'housing'] as const;

/** Step 8: support offered, and her consent to share, recipient by recipient. */
export const referralsV1 = {
  id: 'referrals',
  version: 1,
  titleKey: 'form.referrals.title',
  fields: [
    {
      id: 'servicesOffered',
      kind: 'multiChoice',
      labelKey: 'form.referrals.servicesOffered.label',
      helpKey: 'form.referrals.servicesOffered.help',
      requiredToClose: true,
      options: [
        ...RECIPIENTS.map((r) => ({ value: r, labelKey: `form.referrals.recipient.${r}` })),
        { value: 'none', labelKey: 'form.referrals.servicesOffered.none', exclusive: true },
      ],
    },
    ...RECIPIENTS.map((r) => ({
      id: `consent${r[0]!.toUpperCase()}${r.slice(1)}`,
      kind: 'singleChoice' as const,
      labelKey: `form.referrals.consent.${r}`,
      visibleWhen: { field: 'servicesOffered', in: [r] },
      requiredToClose: true,
      options: YES_NO,
    })),
    {
      id: 'servicesGiven',
      kind: 'serviceChoice',
      labelKey: 'form.referrals.servicesGiven.label',
      helpKey: 'form.referrals.servicesGiven.help',
    },
    { id: 'referralNotes', kind: 'longText', labelKey: 'form.referrals.referralNotes.label', maxLength: 5_000 },
  ],
} satisfies FormDefinitionInput;
