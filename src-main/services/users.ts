import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, ne } from 'drizzle-orm';
import { AppError } from '../api/app-error';
import type { UserView } from '../api/contract';
import type { AppConfig } from '../config';
import type { AppDatabase } from '../db/database';
import { units, users, type Role } from '../db/schema';
import { appendAudit } from './audit';
import { decoyHash, hashPassword, verifyPassword } from './passwords';

type UserRow = typeof users.$inferSelect;
/** The database or a transaction on it. */
type Tx = Pick<AppDatabase, 'select'>;

export function toUserView(row: UserRow): UserView {
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role, active: row.active, unitId: row.unitId, mustChangePassword: row.mustChangePassword, serviceNumber: row.serviceNumber };
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  /** Required for officers and supervisors, refused for administrators. */
  unitId: string | null;
  /** Printed on documents in place of a name; optional. */
  serviceNumber?: string | null;
}

export interface UserChanges {
  displayName: string;
  role: Role;
  unitId: string | null;
  /** Undefined leaves it as it is. */
  serviceNumber?: string | null | undefined;
}

type Purpose = 'login' | 'unlock' | 'password_change';

export function createUserService(db: AppDatabase, config: AppConfig, now: () => number) {
  function checkStrength(password: string, field = 'password'): void {
    if ([...password].length < config.passwordMinLength) {
      throw new AppError('WEAK_PASSWORD', `A password needs at least ${config.passwordMinLength} characters`, [field]);
    }
  }

  function needsSetup(): boolean {
    return (db.select({ n: count() }).from(users).get()?.n ?? 0) === 0;
  }

  /** Officers and supervisors work in a unit (their hearings are reviewed there); administrators in none. */
  function checkUnit(tx: Tx, role: Role, unitId: string | null): void {
    if (role === 'administrator') {
      if (unitId !== null) throw new AppError('UNIT_NOT_ALLOWED', 'Administrators do not belong to a unit', ['unitId']);
      return;
    }
    if (unitId === null) throw new AppError('UNIT_REQUIRED', `A ${role} must belong to a unit`, ['unitId']);
    if (!tx.select({ id: units.id }).from(units).where(eq(units.id, unitId)).get()) throw new AppError('NOT_FOUND', 'No such unit', ['unitId']);
  }

  /** Refuses a change that would leave nobody able to manage the accounts. */
  function checkNotLastAdministrator(tx: Tx, target: UserRow): void {
    if (target.role !== 'administrator' || !target.active) return;
    const others = tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'administrator'), eq(users.active, true), ne(users.id, target.id)))
      .get();
    if ((others?.n ?? 0) === 0) throw new AppError('LAST_ADMINISTRATOR', 'The last active administrator must stay an active administrator');
  }

  function getRow(tx: Tx, userId: string): UserRow {
    const row = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!row) throw new AppError('NOT_FOUND', 'No such account');
    return row;
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
        throw new AppError('USERNAME_TAKEN', `The username ${input.username} is taken`, ['username']);
      }
      checkUnit(tx, input.role, input.unitId);
      const row = {
        id: randomUUID(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        unitId: input.unitId,
        serviceNumber: input.serviceNumber ?? null,
        passwordHash,
        createdAt: at,
        updatedAt: at,
      };
      tx.insert(users).values(row).run();
      const userId = actorId ?? row.id;
      appendAudit(tx, { at, userId, action: onlyIfFirst ? 'setup.administrator_created' : 'user.created', details: { targetUserId: row.id, role: row.role, unitId: row.unitId } });
      return toUserView({ ...row, failedAttempts: 0, lockedUntil: null, active: true, mustChangePassword: false });
    });
  }

  /**
   * Checks a password, counting failures towards the lockout. Returns the row when it matches.
   * Deactivated and locked-out accounts are refused before the password is even looked at.
   */
  async function checkPassword(row: UserRow, password: string, purpose: Purpose): Promise<UserRow> {
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
        // A password change records its own success once the new password is stored.
        if (purpose !== 'password_change') appendAudit(tx, { at, userId: row.id, action: `${purpose}.succeeded` });
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
    if (outcome === 'ok') return row;
    if (outcome === 'locked') throw new AppError('ACCOUNT_LOCKED', 'Too many failed attempts; the account is locked for now');
    throw new AppError('BAD_CREDENTIALS', 'Unknown username or wrong password');
  }

  async function authenticate(usernameInput: string, password: string, purpose: 'login' | 'unlock'): Promise<UserView> {
    const username = usernameInput.trim().toLowerCase();
    const row = db.select().from(users).where(eq(users.username, username)).get();
    if (!row) {
      await verifyPassword(password, await decoyHash());
      throw new AppError('BAD_CREDENTIALS', 'Unknown username or wrong password');
    }
    return toUserView(await checkPassword(row, password, purpose));
  }

  function getActiveUser(id: string): UserView | null {
    const row = db.select().from(users).where(eq(users.id, id)).get();
    return row && row.active ? toUserView(row) : null;
  }

  /** Display name, role and unit, as the administrator sets them. */
  function updateUser(actorId: string, userId: string, changes: UserChanges): UserView {
    const at = now();
    return db.transaction((tx) => {
      const target = getRow(tx, userId);
      if (changes.role !== target.role) {
        // She would lose the accounts page in the middle of using it: another administrator does it.
        if (userId === actorId) throw new AppError('CANNOT_CHANGE_OWN_ACCESS', 'An administrator cannot change her own role', ['role']);
        checkNotLastAdministrator(tx, target);
      }
      checkUnit(tx, changes.role, changes.unitId);
      const wanted = { ...changes, serviceNumber: changes.serviceNumber === undefined ? target.serviceNumber : changes.serviceNumber };
      const changed = (['displayName', 'role', 'unitId', 'serviceNumber'] as const).filter((key) => wanted[key] !== target[key]);
      if (changed.length === 0) return toUserView(target);
      const row = { ...target, ...wanted, updatedAt: at };
      tx.update(users).set({ displayName: row.displayName, role: row.role, unitId: row.unitId, serviceNumber: row.serviceNumber, updatedAt: at }).where(eq(users.id, userId)).run();
      appendAudit(tx, { at, userId: actorId, action: 'user.updated', details: { targetUserId: userId, changed, role: row.role, unitId: row.unitId } });
      return toUserView(row);
    });
  }

  function setActive(actorId: string, userId: string, active: boolean): UserView {
    const at = now();
    return db.transaction((tx) => {
      const target = getRow(tx, userId);
      if (!active && userId === actorId) throw new AppError('CANNOT_CHANGE_OWN_ACCESS', 'An administrator cannot deactivate her own account');
      if (target.active === active) return toUserView(target);
      if (!active) checkNotLastAdministrator(tx, target);
      tx.update(users).set({ active, updatedAt: at }).where(eq(users.id, userId)).run();
      appendAudit(tx, { at, userId: actorId, action: active ? 'user.reactivated' : 'user.deactivated', details: { targetUserId: userId } });
      return toUserView({ ...target, active, updatedAt: at });
    });
  }

  /** A temporary password the person must replace at her next sign-in; it also lifts a lockout. */
  async function resetPassword(actorId: string, userId: string, password: string): Promise<UserView> {
    checkStrength(password);
    const passwordHash = await hashPassword(password);
    const at = now();
    return db.transaction((tx) => {
      const target = getRow(tx, userId);
      const row = { ...target, passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null, updatedAt: at };
      tx.update(users).set({ passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null, updatedAt: at }).where(eq(users.id, userId)).run();
      appendAudit(tx, { at, userId: actorId, action: 'user.password_reset', details: { targetUserId: userId } });
      return toUserView(row);
    });
  }

  /** The signed-in person replaces her own password, knowing the current one (forced after a reset, or by choice). */
  async function changeOwnPassword(userId: string, currentPassword: string, newPassword: string): Promise<UserView> {
    checkStrength(newPassword, 'newPassword');
    if (currentPassword.normalize('NFC') === newPassword.normalize('NFC')) {
      throw new AppError('PASSWORD_UNCHANGED', 'The new password must differ from the current one', ['newPassword']);
    }
    const row = await checkPassword(getRow(db, userId), currentPassword, 'password_change');
    const passwordHash = await hashPassword(newPassword);
    const at = now();
    return db.transaction((tx) => {
      // Only over the password just verified: a reset in between wins.
      const result = tx
        .update(users)
        .set({ passwordHash, mustChangePassword: false, updatedAt: at })
        .where(and(eq(users.id, userId), eq(users.passwordHash, row.passwordHash), eq(users.active, true)))
        .run();
      if (result.changes !== 1) throw new AppError('BAD_CREDENTIALS', 'The password changed in the meantime');
      appendAudit(tx, { at, userId, action: 'password.changed', details: { forced: row.mustChangePassword } });
      return toUserView(getRow(tx, userId));
    });
  }

  return {
    needsSetup,
    createFirstAdministrator: (input: Omit<NewUser, 'role' | 'unitId' | 'serviceNumber'>) => insertUser(null, { ...input, role: 'administrator', unitId: null }, true),
    createUser: (actorId: string, input: NewUser) => insertUser(actorId, input, false),
    listUsers: (): UserView[] => db.select().from(users).orderBy(asc(users.username)).all().map(toUserView),
    authenticate,
    getActiveUser,
    updateUser,
    setActive,
    resetPassword,
    changeOwnPassword,
  };
}

export type UserService = ReturnType<typeof createUserService>;
