import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { AppError } from '../api/app-error';
import type { UnitView, UserView } from '../api/contract';
import { accessOf, type Store, type StoreTables } from '../db/store';

type Row = StoreTables['units']['$inferSelect'];

function toView(row: Row): UnitView {
  return { id: row.id, name: row.name, createdAt: row.createdAt };
}

/** "Zone Nord" and "zone nord" are the same unit to the people choosing it from a list. */
function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, 'und', { sensitivity: 'accent' }) === 0;
}

/**
 * The zone's police units. Officers and supervisors belong to one; a supervisor reviews the
 * hearings of her own unit. The administrator creates and renames them; they are never removed,
 * since hearings keep the unit they were opened in.
 */
export function createUnitService({ store, now }: { store: Store; now: () => number }) {
  const { units } = store.tables;

  async function list(actor: UserView): Promise<UnitView[]> {
    const rows = await store.transaction(accessOf(actor), (tx) => tx.select().from(units).orderBy(asc(units.name)));
    return rows.map(toView);
  }

  /** Creates a unit, or renames the one `id` names. The name comes trimmed from the contract. */
  async function save(actor: UserView, id: string | undefined, nameInput: string): Promise<UnitView> {
    const name = nameInput.normalize('NFC');
    const at = now();
    return store.transaction(accessOf(actor), async (tx) => {
      const [existing] = id === undefined ? [] : await tx.select().from(units).where(eq(units.id, id));
      if (id !== undefined && !existing) throw new AppError('NOT_FOUND', 'No such unit');
      const clash = (await tx.select({ id: units.id, name: units.name }).from(units)).find(
        (u) => u.id !== id && sameName(u.name, name),
      );
      if (clash) throw new AppError('UNIT_NAME_TAKEN', 'Another unit already has this name', ['name']);
      if (existing) {
        if (existing.name === name) return toView(existing);
        await tx.update(units).set({ name }).where(eq(units.id, existing.id));
        await store.appendAudit(tx, {
          at,
          userId: actor.id,
          action: 'unit.renamed',
          details: { unitId: existing.id, from: existing.name, to: name },
        });
        return toView({ ...existing, name });
      }
      const row = { id: randomUUID(), name, createdAt: at };
      await tx.insert(units).values(row);
      await store.appendAudit(tx, { at, userId: actor.id, action: 'unit.created', details: { unitId: row.id, name } });
      return toView(row);
    });
  }

  return { list, save };
}

export type UnitService = ReturnType<typeof createUnitService>;
