/**
 * Offence suggestions, versioned by the date of the facts (digital-violence.md, §1.7 caveat):
 * the former Criminal Code's numbering applies to facts until 8 April 2026; Book II of the new
 * Criminal Code applies from 9 April 2026. Its numbers are not in this table yet, so for newer
 * facts the suggestion says "qualification to confirm" rather than print an old number.
 * Suggestions for the officer's qualification, never conclusions.
 */
export interface OffenceCode {
  id: string;
  /** Facts on or after this day (YYYY-MM-DD). */
  from: string;
  /** Facts on or before this day, when the code has been replaced. */
  until?: string;
  /**
   * The offences whose article this table knows; an offence missing here is shown as "to confirm".
   * The article's wording is in the officer catalogs (`digital.offences.articles.<code>.<offence>`),
   * in each officer language ("art. 327 à 331 C. pén.", "art. 327 tot 331 Sw.").
   */
  articles: readonly string[];
}

export const OFFENCE_TABLE_VERSION = 1;

export const OFFENCE_CODES: OffenceCode[] = [
  {
    id: 'formerCode',
    from: '1867-06-08',
    until: '2026-04-08',
    articles: [
      'stalking',
      'electronicHarassment',
      'interception',
      'hacking',
      'computerForgery',
      'computerFraud',
      'voyeurism',
      'nonConsensualDissemination',
      'maliciousDissemination',
      'extortion',
      'threats',
      'defamation',
      'fraud',
      'falseName',
    ],
  },
  { id: 'newCode', from: '2026-04-09', articles: [] },
];

export interface OffenceSuggestion {
  offence: string;
  code: string;
  /**
   * The officer catalogs' key of the article under this code; null when the article is not in the
   * table: say "qualification to confirm".
   */
  articleKey: string | null;
}

/**
 * The codes that may apply to facts on these days. Both when the dates straddle 9 April 2026 or
 * are unknown: the officer confirms with the reference magistrate.
 */
export function codesForFacts(days: string[]): OffenceCode[] {
  if (days.length === 0) return OFFENCE_CODES;
  return OFFENCE_CODES.filter((code) =>
    days.some((day) => day >= code.from && (code.until === undefined || day <= code.until)),
  );
}

export function suggestOffences(offences: string[], days: string[]): OffenceSuggestion[] {
  return codesForFacts(days).flatMap((code) =>
    offences.map((offence) => ({
      offence,
      code: code.id,
      articleKey: code.articles.includes(offence) ? `digital.offences.articles.${code.id}.${offence}` : null,
    })),
  );
}

/** The days the facts step gives: one day, both ends of a period; none for "about ...". */
export function factDays(period: unknown): string[] {
  if (!period || typeof period !== 'object' || Array.isArray(period)) return [];
  const value = period as { on?: string; from?: string; to?: string };
  return [value.on, value.from, value.to].filter(
    (d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d),
  );
}
