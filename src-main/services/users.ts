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
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    active: row.active,
    unitId: row.unitId,
    mustChangePassword: row.mustChangePassword,
    serviceNumber: row.serviceNumber,
  };
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

export function createUserService({ db, config, now }: { db: AppDatabase; config: AppConfig; now: () => number }) {
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
    if (!tx.select({ id: units.id }).from(units).where(eq(units.id, unitId)).get())
      throw new AppError('NOT_FOUND', 'No such unit', ['unitId']);
  }

  /** Refuses a change that would leave nobody able to manage the accounts. */
  function checkNotLastAdministrator(tx: Tx, target: UserRow): void {
    if (target.role !== 'administrator' || !target.active) return;
    const others = tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'administrator'), eq(users.active, true), ne(users.id, target.id)))
      .get();
    if ((others?.n ?? 0) === 0)
      throw new AppError('LAST_ADMINISTRATOR', 'The last active administrator must stay an active administrator');
  }

  function getRow(tx: Tx, userId: string): UserRow {
    const row = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!row) throw new AppError('NOT_FOUND', 'No such account');
    return row;
  }

  async function insertUser(actor: UserView | null, input: NewUser, onlyIfFirst: boolean): Promise<UserView> {
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
        // The administrator knows a password she gave: the person replaces it at her first
        // sign-in. The first administrator chose her own.
        mustChangePassword: !onlyIfFirst,
        createdAt: at,
        updatedAt: at,
      };
      tx.insert(users).values(row).run();
      const userId = actor?.id ?? row.id;
      appendAudit(tx, {
        at,
        userId,
        action: onlyIfFirst ? 'setup.administrator_created' : 'user.created',
        details: { targetUserId: row.id, role: row.role, unitId: row.unitId },
      });
      return toUserView({ ...row, failedAttempts: 0, lockedUntil: null, active: true });
    });
  }

  /**
   * Sign-in attempts on one account, one at a time: each reads the failure count the one before
   * left, so concurrent guesses cannot all be checked against the state before the lockout.
   */
  const attemptsByUsername = new Map<string, Promise<unknown>>();
  function oneAttemptAtATime<T>(username: string, attempt: () => Promise<T>): Promise<T> {
    const previous = attemptsByUsername.get(username) ?? Promise.resolve();
    const current = previous.then(attempt);
    const settled = current.then(
      () => undefined,
      () => undefined,
    );
    attemptsByUsername.set(username, settled);
    void settled.then(() => {
      if (attemptsByUsername.get(username) === settled) attemptsByUsername.delete(username);
    });
    return current;
  }

  const isLocked = (row: Pick<UserRow, 'lockedUntil'>, at: number) => row.lockedUntil !== null && row.lockedUntil > at;

  /**
   * The one answer to every refused attempt, whatever the reason (unknown account, wrong
   * password, locked out, deactivated): the answer must not tell a guesser which accounts exist
   * or that she locked one. The reason is in the audit trail, for the administrator.
   */
  const refused = () =>
    new AppError('BAD_CREDENTIALS', 'Wrong username or password, or the account is locked or deactivated');

  /**
   * Checks a password, counting failures towards the lockout; returns the account when it matches.
   * The lock is decided in the same transaction as the count, over the row read inside it, so a
   * success never lifts a lock set while its password was being checked.
   */
  async function checkPassword(usernameInput: string, password: string, purpose: Purpose): Promise<UserRow> {
    const username = usernameInput.trim().toLowerCase();
    const outcome = await oneAttemptAtATime(username, async () => {
      const row = db.select().from(users).where(eq(users.username, username)).get();
      if (!row) return { kind: 'unknown' } as const;
      if (!row.active || isLocked(row, now())) {
        const at = now();
        db.transaction((tx) =>
          appendAudit(tx, {
            at,
            userId: row.id,
            action: `${purpose}.refused`,
            details: { reason: row.active ? 'locked' : 'inactive' },
          }),
        );
        return { kind: 'refusedBeforeCheck' } as const;
      }
      const matches = await verifyPassword(password, row.passwordHash);
      // The transaction returns an outcome instead of throwing: a throw would roll back the
      // failure count along with it.
      return db.transaction((tx) => {
        const at = now();
        const current = tx.select().from(users).where(eq(users.id, row.id)).get();
        // Deactivated, locked or given a new password by the administrator while this one was checked.
        const reason =
          !current || !current.active
            ? 'inactive'
            : isLocked(current, at)
              ? 'locked'
              : current.passwordHash !== row.passwordHash
                ? 'passwordReplaced'
                : null;
        if (reason) {
          appendAudit(tx, { at, userId: row.id, action: `${purpose}.refused`, details: { reason } });
          return { kind: 'refused' } as const;
        }
        if (matches) {
          tx.update(users)
            .set({ failedAttempts: 0, lockedUntil: null, updatedAt: at })
            .where(eq(users.id, row.id))
            .run();
          // A password change records its own success once the new password is stored.
          if (purpose !== 'password_change') appendAudit(tx, { at, userId: row.id, action: `${purpose}.succeeded` });
          return { kind: 'ok', row: current! } as const;
        }
        const failedAttempts = current!.failedAttempts + 1;
        const lock = failedAttempts >= config.lockout.maxFailedAttempts;
        tx.update(users)
          .set({
            failedAttempts: lock ? 0 : failedAttempts,
            lockedUntil: lock ? at + config.lockout.lockMinutes * 60_000 : null,
            updatedAt: at,
          })
          .where(eq(users.id, row.id))
          .run();
        appendAudit(tx, { at, userId: row.id, action: `${purpose}.failed`, details: { failedAttempts } });
        if (lock)
          appendAudit(tx, {
            at,
            userId: row.id,
            action: 'account.locked',
            details: { minutes: config.lockout.lockMinutes },
          });
        return { kind: 'wrong' } as const;
      });
    });
    if (outcome.kind === 'ok') return outcome.row;
    // As long as a wrong password takes (one scrypt), outside the queue: the answer's timing does
    // not tell an unknown, locked or deactivated account from a wrong password either.
    if (outcome.kind === 'unknown' || outcome.kind === 'refusedBeforeCheck')
      await verifyPassword(password, await decoyHash());
    throw refused();
  }

  async function authenticate(username: string, password: string, purpose: 'login' | 'unlock'): Promise<UserView> {
    return toUserView(await checkPassword(username, password, purpose));
  }

  /** Active and not locked out: whether a signed-in window may stay signed in after a refused password. */
  function canSignIn(userId: string): boolean {
    const row = db
      .select({ active: users.active, lockedUntil: users.lockedUntil })
      .from(users)
      .where(eq(users.id, userId))
      .get();
    return Boolean(row?.active) && !isLocked(row!, now());
  }

  function getActiveUser(id: string): UserView | null {
    const row = db.select().from(users).where(eq(users.id, id)).get();
    return row && row.active ? toUserView(row) : null;
  }

  /** Display name, role and unit, as the administrator sets them. */
  function updateUser(actor: UserView, userId: string, changes: UserChanges): UserView {
    const at = now();
    return db.transaction((tx) => {
      const target = getRow(tx, userId);
      if (changes.role !== target.role) {
        // She would lose the accounts page in the middle of using it: another administrator does it.
        if (userId === actor.id)
          throw new AppError('CANNOT_CHANGE_OWN_ACCESS', 'An administrator cannot change her own role', ['role']);
        checkNotLastAdministrator(tx, target);
      }
      checkUnit(tx, changes.role, changes.unitId);
      const wanted = {
        ...changes,
        serviceNumber: changes.serviceNumber === undefined ? target.serviceNumber : changes.serviceNumber,
      };
      const changed = (['displayName', 'role', 'unitId', 'serviceNumber'] as const).filter(
        (key) => wanted[key] !== target[key],
      );
      if (changed.length === 0) return toUserView(target);
      const row = { ...target, ...wanted, updatedAt: at };
      tx.update(users)
        .set({
          displayName: row.displayName,
          role: row.role,
          unitId: row.unitId,
          serviceNumber: row.serviceNumber,
          updatedAt: at,
        })
        .where(eq(users.id, userId))
        .run();
      appendAudit(tx, {
        at,
        userId: actor.id,
        action: 'user.updated',
        details: { targetUserId: userId, changed, role: row.role, unitId: row.unitId },
      });
      return toUserView(row);
    });
  }

  function setActive(actor: UserView, userId: string, active: boolean): UserView {
    const at = now();
    return db.transaction((tx) => {
      const target = getRow(tx, userId);
      if (!active && userId === actor.id)
        throw new AppError('CANNOT_CHANGE_OWN_ACCESS', 'An administrator cannot deactivate her own account');
      if (target.active === active) return toUserView(target);
      if (!active) checkNotLastAdministrator(tx, target);
      tx.update(users).set({ active, updatedAt: at }).where(eq(users.id, userId)).run();
      appendAudit(tx, {
        at,
        userId: actor.id,
        action: active ? 'user.reactivated' : 'user.deactivated',
        details: { targetUserId: userId },
      });
      return toUserView({ ...target, active, updatedAt: at });
    });
  }

  /** A temporary password the person must replace at her next sign-in; it also lifts a lockout. */
  async function resetPassword(actor: UserView, userId: string, password: string): Promise<UserView> {
    checkStrength(password);
    const passwordHash = await hashPassword(password);
    const at = now();
    return db.transaction((tx) => {
      const target = getRow(tx, userId);
      const row = {
        ...target,
        passwordHash,
        mustChangePassword: true,
        failedAttempts: 0,
        lockedUntil: null,
        updatedAt: at,
      };
      tx.update(users)
        .set({ passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null, updatedAt: at })
        .where(eq(users.id, userId))
        .run();
      appendAudit(tx, { at, userId: actor.id, action: 'user.password_reset', details: { targetUserId: userId } });
      return toUserView(row);
    });
  }

  /** The signed-in person replaces her own password, knowing the current one (forced after a creation or a reset, or by choice). */
  async function changeOwnPassword(user: UserView, currentPassword: string, newPassword: string): Promise<UserView> {
    checkStrength(newPassword, 'newPassword');
    if (currentPassword.normalize('NFC') === newPassword.normalize('NFC')) {
      throw new AppError('PASSWORD_UNCHANGED', 'The new password must differ from the current one', ['newPassword']);
    }
    const row = await checkPassword(getRow(db, user.id).username, currentPassword, 'password_change');
    const passwordHash = await hashPassword(newPassword);
    const at = now();
    return db.transaction((tx) => {
      // Only over the password just verified: a reset in between wins.
      const result = tx
        .update(users)
        .set({ passwordHash, mustChangePassword: false, updatedAt: at })
        .where(and(eq(users.id, user.id), eq(users.passwordHash, row.passwordHash), eq(users.active, true)))
        .run();
      if (result.changes !== 1) throw refused();
      appendAudit(tx, { at, userId: user.id, action: 'password.changed', details: { forced: row.mustChangePassword } });
      return toUserView(getRow(tx, user.id));
    });
  }

  return {
    needsSetup,
    createFirstAdministrator: (input: Omit<NewUser, 'role' | 'unitId' | 'serviceNumber'>) =>
      insertUser(null, { ...input, role: 'administrator', unitId: null }, true),
    createUser: (actor: UserView, input: NewUser) => insertUser(actor, input, false),
    listUsers: (): UserView[] => db.select().from(users).orderBy(asc(users.username)).all().map(toUserView),
    authenticate,
    canSignIn,
    getActiveUser,
    updateUser,
    setActive,
    resetPassword,
    changeOwnPassword,
  };
}

export type UserService = ReturnType<typeof createUserService>;
