/**
 * The supervisor's queue keeps its order (most urgent first), except that the items of the same
 * victim and suspect (the same `pairKey`, issue 16) come together: the pair's first item at its
 * place, its other items right after it, in their own order.
 */
export interface PairedItem<Item> {
  item: Item;
  /** How many items of the page its pair has (1 for an item on its own, or without a pair). */
  pairSize: number;
  /** Where it stands in its pair's run: the first carries the label, the others follow it. */
  pairPosition: 'alone' | 'first' | 'next';
}

export function groupByPair<Item extends { pairKey: string | null }>(items: readonly Item[]): PairedItem<Item>[] {
  const byPair = new Map<string, Item[]>();
  for (const item of items) {
    if (item.pairKey === null) continue;
    const run = byPair.get(item.pairKey);
    if (run) run.push(item);
    else byPair.set(item.pairKey, [item]);
  }
  const out: PairedItem<Item>[] = [];
  for (const item of items) {
    const run = item.pairKey === null ? undefined : byPair.get(item.pairKey);
    if (!run || run.length === 1) out.push({ item, pairSize: 1, pairPosition: 'alone' });
    else if (run[0] === item)
      out.push(
        ...run.map(
          (member, i) => ({ item: member, pairSize: run.length, pairPosition: i === 0 ? 'first' : 'next' }) as const,
        ),
      );
  }
  return out;
}
