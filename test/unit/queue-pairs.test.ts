import { describe, expect, it } from 'vitest';
import { groupByPair } from '../../src-renderer/features/hearings/queue-pairs';

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
});
