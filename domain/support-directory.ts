import { z } from 'zod';
import { VICTIM_LANGUAGES } from './languages';

export const SERVICE_KINDS = [
  'emergency',
  'helpline',
  'victimSupport',
  'specialised',
  'medical',
  'shelter',
  'childProtection',
  'onlineHarm',
  'other',
] as const;
export const REGIONS = ['national', 'brussels', 'flanders', 'wallonia', 'germanSpeaking'] as const;

/**
 * A phone number as a victim dials it: short numbers (112, 1712, 116 000) or full ones, digits
 * in groups, an optional leading +. Written as it must be printed, never reformatted.
 */
const phone = z
  .string()
  .trim()
  .regex(/^\+?\d(?:[ ]?\d){2,17}$/, { error: 'directory.invalidPhone' });

/** Only https addresses: a victim must never be sent to a page that can be tampered with. */
const website = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (
          url.protocol === 'https:' &&
          url.hostname.includes('.') &&
          !url.username &&
          !url.password &&
          value.startsWith('https://')
        );
      } catch {
        return false;
      }
    },
    { error: 'directory.invalidUrl' },
  );

/** One entry of the directory, as the administrator edits it; the same rules in both processes. */
export const supportServiceSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'form.required' }).max(200),
    kind: z.enum(SERVICE_KINDS),
    region: z.enum(REGIONS),
    languages: z.array(z.enum(VICTIM_LANGUAGES)).max(VICTIM_LANGUAGES.length),
    hours: z.string().trim().max(200),
    phone: phone.or(z.literal('')),
    website: website.or(z.literal('')),
    /** Null until someone checked the number and address against the service itself. */
    verifiedOn: z.iso.date({ error: 'answer.impossibleDate' }).nullable(),
    active: z.boolean(),
  })
  .strict()
  .refine((s) => s.phone !== '' || s.website !== '', { path: ['phone'], error: 'directory.phoneOrWebsite' });

export type SupportServiceInput = z.input<typeof supportServiceSchema>;
export type SupportService = z.output<typeof supportServiceSchema>;
