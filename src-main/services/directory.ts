import { randomUUID } from 'node:crypto';
import { asc, count, eq } from 'drizzle-orm';
import seed from '../../domain/support-directory.seed.json';
import { supportServiceSchema, type SupportService } from '../../domain/support-directory';
import { AppError } from '../api/app-error';
import type { SupportServiceView, UserView } from '../api/contract';
import type { AppDatabase } from '../db/database';
import { supportServices } from '../db/schema';
import { appendAudit } from './audit';

type Row = typeof supportServices.$inferSelect;

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

export function createDirectoryService({ db, now }: { db: AppDatabase; now: () => number }) {
  /** A new installation starts with the services the specification names, all to verify. */
  function seedIfEmpty(): void {
    if ((db.select({ n: count() }).from(supportServices).get()?.n ?? 0) > 0) return;
    const services = seed.services.map((s) => supportServiceSchema.parse(s));
    const at = now();
    db.transaction((tx) => {
      for (const service of services) {
        tx.insert(supportServices)
          .values({ id: randomUUID(), ...columns(service), updatedAt: at, updatedBy: null })
          .run();
      }
      appendAudit(tx, { at, userId: null, action: 'directory.seeded', details: { count: services.length } });
    });
  }

  function list(): SupportServiceView[] {
    return db
      .select()
      .from(supportServices)
      .orderBy(asc(supportServices.region), asc(supportServices.name))
      .all()
      .map(toView);
  }

  function save(actor: UserView, id: string | undefined, service: SupportService): SupportServiceView {
    const at = now();
    if (service.verifiedOn !== null && service.verifiedOn > new Date(at).toISOString().slice(0, 10)) {
      throw new AppError('VALIDATION', 'A verification date cannot be in the future', ['service.verifiedOn']);
    }
    return db.transaction((tx) => {
      if (
        id !== undefined &&
        !tx.select({ id: supportServices.id }).from(supportServices).where(eq(supportServices.id, id)).get()
      ) {
        throw new AppError('NOT_FOUND', 'No such service in the directory');
      }
      const row = { id: id ?? randomUUID(), ...columns(service), updatedAt: at, updatedBy: actor.id };
      if (id === undefined) tx.insert(supportServices).values(row).run();
      else tx.update(supportServices).set(row).where(eq(supportServices.id, id)).run();
      appendAudit(tx, {
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
