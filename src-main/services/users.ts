import { randomUUID } from 'node:crypto';
import { asc, count, eq } from 'drizzle-orm';
import { AppError } from '../api/app-error';
import type { UserView } from '../api/contract';
import type { AppConfig } from '../config';
import type { AppDatabase } from '../db/database';
import { users, type Role } from '../db/schema';
import { appendAudit } from './audit';
import { decoyHash, hashPassword, verifyPassword } from './passwords';

type UserRow = typeof users.$inferSelect;

export function toUserView(row: UserRow): UserView {
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role, active: row.active, unitId: row.unitId, mustChangePassword: row.mustChangePassword };
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
}

export function createUserService(db: AppDatabase, config: AppConfig, now: () => number) {
  function checkStrength(password: string): void {
    if ([...password].length < config.passwordMinLength) {
      throw new AppError('WEAK_PASSWORD', `A password needs at least ${config.passwordMinLength} characters`);
    }
  }

  function needsSetup(): boolean {
    return (db.select({ n: count() }).from(users).get()?.n ?? 0) === 0;
  }

  async function insertUser(actorId: string | null, input: NewUser, onlyIfFirst: boolean): Promise<UserView> {
    checkStrength(input.password);
    const passwordHash = await hashPassword(input.password);
    const at = now();
    return db.transaction((tx) => {
      // Checked again inside the write transaction: two first-run forms must not both succeed.
      if (onlyIfFirst && (tx.select({ n: count() }).from(users).get()?.n ?? 0) > 0) {
        throw new AppError('ALREADY_SET_UP', 'The first administrator already exists');
      }
      if (tx.select({ id: users.id }).from(users).where(eq(users.username, input.username)).get()) {
        throw new AppError('USERNAME_TAKEN', `The username ${input.username} is taken`);
      }
      const row = {
        id: randomUUID(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        createdAt: at,
        updatedAt: at,
      };
      tx.insert(users).values(row).run();
      const userId = actorId ?? row.id;
      appendAudit(tx, { at, userId, action: onlyIfFirst ? 'setup.administrator_created' : 'user.created', details: { targetUserId: row.id, role: row.role } });
      return toUserView({ ...row, failedAttempts: 0, lockedUntil: null, active: true, unitId: null, mustChangePassword: false });
    });
  }

  /** Checks a password, counting failures towards the lockout. Returns the user when it matches. */
  async function authenticate(usernameInput: string, password: string, purpose: 'login' | 'unlock'): Promise<UserView> {
    const username = usernameInput.trim().toLowerCase();
    const row = db.select().from(users).where(eq(users.username, username)).get();
    if (!row) {
      await verifyPassword(password, await decoyHash());
      throw new AppError('BAD_CREDENTIALS', 'Unknown username or wrong password');
    }
    const at = now();
    if (!row.active) throw new AppError('ACCOUNT_INACTIVE', 'This account is deactivated');
    if (row.lockedUntil !== null && row.lockedUntil > at) {
      throw new AppError('ACCOUNT_LOCKED', 'Too many failed attempts; the account is locked for now');
    }
    const matches = await verifyPassword(password, row.passwordHash);
    // The transaction returns an outcome instead of throwing: a throw would roll back the
    // failure count along with it.
    const outcome = db.transaction((tx): 'ok' | 'bad' | 'locked' => {
      if (matches) {
        tx.update(users).set({ failedAttempts: 0, lockedUntil: null, updatedAt: at }).where(eq(users.id, row.id)).run();
        appendAudit(tx, { at, userId: row.id, action: `${purpose}.succeeded` });
        return 'ok';
      }
      // Read again inside the transaction so concurrent failures all count.
      const current = tx.select({ failedAttempts: users.failedAttempts }).from(users).where(eq(users.id, row.id)).get();
      const failedAttempts = (current?.failedAttempts ?? 0) + 1;
      const lock = failedAttempts >= config.lockout.maxFailedAttempts;
      tx.update(users)
        .set({
          failedAttempts: lock ? 0 : failedAttempts,
          lockedUntil: lock ? at + config.lockout.lockMinutes * 60_000 : row.lockedUntil,
          updatedAt: at,
        })
        .where(eq(users.id, row.id))
        .run();
      appendAudit(tx, { at, userId: row.id, action: `${purpose}.failed`, details: { failedAttempts } });
      if (!lock) return 'bad';
      appendAudit(tx, { at, userId: row.id, action: 'account.locked', details: { minutes: config.lockout.lockMinutes } });
      return 'locked';
    });
    if (outcome === 'ok') return toUserView(row);
    if (outcome === 'locked') throw new AppError('ACCOUNT_LOCKED', 'Too many failed attempts; the account is locked for now');
    throw new AppError('BAD_CREDENTIALS', 'Unknown username or wrong password');
  }

  function getActiveUser(id: string): UserView | null {
    const row = db.select().from(users).where(eq(users.id, id)).get();
    return row && row.active ? toUserView(row) : null;
  }

  return {
    needsSetup,
    createFirstAdministrator: (input: Omit<NewUser, 'role'>) => insertUser(null, { ...input, role: 'administrator' }, true),
    createUser: (actorId: string, input: NewUser) => insertUser(actorId, input, false),
    listUsers: (): UserView[] => db.select().from(users).orderBy(asc(users.username)).all().map(toUserView),
    authenticate,
    getActiveUser,
  };
}

export type UserService = ReturnType<typeof createUserService>;
