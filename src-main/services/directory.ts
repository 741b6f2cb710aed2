import { randomUUID } from 'node:crypto';
import { asc, count, eq } from 'drizzle-orm';
import seed from '../../domain/support-directory.seed.json';
import { supportServiceSchema, type SupportService } from '../../domain/support-directory';
import { AppError } from '../api/app-error';
import type { SupportServiceView, UserView } from '../api/contract';
import { accessOf, SYSTEM_ACCESS, type Store, type StoreTables } from '../db/store';

type Row = StoreTables['supportServices']['$inferSelect'];

function toView(row: Row): SupportServiceView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as SupportService['kind'],
    region: row.region as SupportService['region'],
    languages: JSON.parse(row.languagesJson) as SupportService['languages'],
    hours: row.hours,
    phone: row.phone,
    website: row.website,
    verifiedOn: row.verifiedOn,
    active: row.active,
    updatedAt: row.updatedAt,
  };
}

export function createDirectoryService({ store, now }: { store: Store; now: () => number }) {
  const { supportServices } = store.tables;

  /** A new installation starts with the services the specification names, all to verify. */
  async function seedIfEmpty(): Promise<void> {
    const services = seed.services.map((s) => supportServiceSchema.parse(s));
    const at = now();
    await store.transaction(SYSTEM_ACCESS, async (tx) => {
      const [present] = await tx.select({ n: count() }).from(supportServices);
      if ((present?.n ?? 0) > 0) return;
      for (const service of services) {
        await tx
          .insert(supportServices)
          .values({ id: randomUUID(), ...columns(service), updatedAt: at, updatedBy: null });
      }
      await store.appendAudit(tx, {
        at,
        userId: null,
        action: 'directory.seeded',
        details: { count: services.length },
      });
    });
  }

  async function list(actor: UserView): Promise<SupportServiceView[]> {
    const rows = await store.transaction(accessOf(actor), (tx) =>
      tx.select().from(supportServices).orderBy(asc(supportServices.region), asc(supportServices.name)),
    );
    return rows.map(toView);
  }

  async function save(actor: UserView, id: string | undefined, service: SupportService): Promise<SupportServiceView> {
    const at = now();
    if (service.verifiedOn !== null && service.verifiedOn > new Date(at).toISOString().slice(0, 10)) {
      throw new AppError('VALIDATION', 'A verification date cannot be in the future', ['service.verifiedOn']);
    }
    return store.transaction(accessOf(actor), async (tx) => {
      if (
        id !== undefined &&
        (await tx.select({ id: supportServices.id }).from(supportServices).where(eq(supportServices.id, id))).length ===
          0
      ) {
        throw new AppError('NOT_FOUND', 'No such service in the directory');
      }
      const row = { id: id ?? randomUUID(), ...columns(service), updatedAt: at, updatedBy: actor.id };
      if (id === undefined) await tx.insert(supportServices).values(row);
      else await tx.update(supportServices).set(row).where(eq(supportServices.id, id));
      await store.appendAudit(tx, {
        at,
        userId: actor.id,
        action: id === undefined ? 'directory.created' : 'directory.updated',
        details: { serviceId: row.id },
      });
      return toView(row);
    });
  }

  return { seedIfEmpty, list, save };
}

function columns(service: SupportService) {
  const { languages, ...rest } = service;
  return { ...rest, languagesJson: JSON.stringify(languages) };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
