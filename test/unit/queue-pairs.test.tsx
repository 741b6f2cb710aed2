import type { TFunction } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RiskQueueItem } from '../../src-main/api/contract';
import { officerText } from '../../src-main/documents/officer-text';
import { groupByPair } from '../../src-renderer/features/hearings/queue-pairs';
import { ReviewQueueTable } from '../../src-renderer/features/hearings/ReviewQueueTable';

const item = (id: string, pairKey: string | null) => ({ id, pairKey });

describe('the review queue, grouped by pair', () => {
  it('puts a pair’s items right after its first one, and keeps the order otherwise', () => {
    const items = [
      item('a1', 'A'),
      item('x', null),
      item('b1', 'B'),
      item('a2', 'A'),
      item('c', 'C'),
      item('y', null),
      item('b2', 'B'),
      item('a3', 'A'),
    ];
    const grouped = groupByPair(items);
    expect(grouped.map((g) => [g.item.id, g.pairPosition, g.pairSize])).toEqual([
      ['a1', 'first', 3],
      ['a2', 'next', 3],
      ['a3', 'next', 3],
      ['x', 'alone', 1],
      ['b1', 'first', 2],
      ['b2', 'next', 2],
      ['c', 'alone', 1],
      ['y', 'alone', 1],
    ]);
    // Every item once.
    expect(grouped.map((g) => g.item).sort((p, q) => p.id.localeCompare(q.id))).toEqual(
      [...items].sort((p, q) => p.id.localeCompare(q.id)),
    );
  });

  it('leaves a queue without pairs as it is', () => {
    const items = [item('x', null), item('c', 'C'), item('y', null)];
    expect(groupByPair(items).map((g) => g.item)).toEqual(items);
    expect(groupByPair([])).toEqual([]);
  });

  it('shows the pair’s items together under a label in each officer language, and no key', () => {
    const queueItem = (reference: string, pairKey: string | null): RiskQueueItem => ({
      assessmentId: `assessment-${reference}`,
      hearingId: `hearing-${reference}`,
      reference,
      level: 3,
      computedLevel: 3,
      redFlags: [],
      drivers: [],
      insufficient: false,
      reviewStatus: 'pending',
      loweringRequested: null,
      nextDueAt: Date.UTC(2026, 4, 1, 9),
      overdue: false,
      submittedAt: Date.UTC(2026, 3, 1, 9),
      officerName: 'Agente Inventée',
      pairKey,
    });
    const pair = 'a'.repeat(32);
    const items = [queueItem('HD-2026-1', pair), queueItem('HD-2026-2', null), queueItem('HD-2026-3', pair)];
    const html = (language: string) =>
      renderToStaticMarkup(
        <ReviewQueueTable items={items} t={officerText(language) as unknown as TFunction} language={language} />,
      );
    const fr = html('fr');
    // Each body row's reference and class, in the order shown.
    const rows = [...fr.matchAll(/<tr([^>]*)>(.*?)<\/tr>/g)].slice(1);
    expect(rows.map((r) => [/HD-2026-\d/.exec(r[2]!)![0], /class="([^"]*)"/.exec(r[1]!)?.[1] ?? 'alone'])).toEqual([
      ['HD-2026-1', 'pair-first'],
      ['HD-2026-3', 'pair-next'],
      ['HD-2026-2', 'alone'],
    ]);
    expect(fr).toContain('Même victime et même suspect\u202f: 2 évaluations');
    expect(fr.match(/pair-label/g)).toHaveLength(1);
    expect(html('en')).toContain('Same victim and suspect: 2 assessments');
    expect(html('nl')).toContain('Zelfde slachtoffer en verdachte: 2 evaluaties');
    expect(html('de')).toContain('Dasselbe Opfer und derselbe Verdächtige: 2 Bewertungen');
    expect(fr).not.toContain(pair);
  });
});
