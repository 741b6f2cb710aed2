import { z } from 'zod';
import de from './catalogs/victim/de.json';
import en from './catalogs/victim/en.json';
import fr from './catalogs/victim/fr.json';
import nl from './catalogs/victim/nl.json';

/**
 * What the victim reads: her rights (and, with the victim's copy, the rest of her paper), one
 * file per language. Each file says how far its translation can be trusted. Adding a language
 * is adding a file here.
 */
export const victimCatalogSchema = z
  .object({
    meta: z
      .object({
        language: z.string().regex(/^[a-z]{2,3}$/),
        /** The language's own name for itself, shown to her. */
        name: z.string().min(1),
        status: z.enum(['draft', 'machine', 'reviewed', 'sworn']),
        translatedBy: z.string().min(1),
        date: z.iso.date(),
      })
      .strict(),
    rights: z.record(z.string(), z.string().min(1)),
  })
  .strict();

export type VictimCatalog = z.output<typeof victimCatalogSchema>;

const CATALOGS: VictimCatalog[] = [fr, nl, de, en].map((c) => victimCatalogSchema.parse(c));

export function victimCatalog(language: string): VictimCatalog | undefined {
  return CATALOGS.find((c) => c.meta.language === language);
}

export function victimCatalogLanguages(): string[] {
  return CATALOGS.map((c) => c.meta.language);
}

/** `rights.interpreter` in `language`, or undefined when that language has no text for it. */
export function victimText(language: string, key: string): string | undefined {
  const [section, name] = key.split('.');
  const catalog = victimCatalog(language);
  if (!catalog || section !== 'rights' || !name) return undefined;
  return catalog.rights[name];
}
