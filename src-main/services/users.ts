import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import { AppError } from '../api/app-error';
import type { UserView } from '../api/contract';
import type { AppConfig } from '../config';
import type { Role } from '../db/schema';
import { accessOf, SIGN_IN_ACCESS, SYSTEM_ACCESS, type Store, type StoreDb, type StoreTables } from '../db/store';
import { decoyHash, hashPassword, verifyPassword } from './passwords';

type UserRow = StoreTables['users']['$inferSelect'];

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

export function createUserService({ store, config, now }: { store: Store; config: AppConfig; now: () => number }) {
  const { units, users } = store.tables;

  function checkStrength(password: string, field = 'password'): void {
    if ([...password].length < config.passwordMinLength) {
      throw new AppError('WEAK_PASSWORD', `A password needs at least ${config.passwordMinLength} characters`, [field]);
    }
  }

  async function needsSetup(): Promise<boolean> {
    const [accounts] = await store.transaction(SYSTEM_ACCESS, (tx) => tx.select({ n: count() }).from(users));
    return (accounts?.n ?? 0) === 0;
  }

  /** Officers and supervisors work in a unit (their hearings are reviewed there); administrators in none. */
  async function checkUnit(tx: StoreDb, role: Role, unitId: string | null): Promise<void> {
    if (role === 'administrator') {
      if (unitId !== null) throw new AppError('UNIT_NOT_ALLOWED', 'Administrators do not belong to a unit', ['unitId']);
      return;
    }
    if (unitId === null) throw new AppError('UNIT_REQUIRED', `A ${role} must belong to a unit`, ['unitId']);
    if ((await tx.select({ id: units.id }).from(units).where(eq(units.id, unitId))).length === 0)
      throw new AppError('NOT_FOUND', 'No such unit', ['unitId']);
  }

  /** Refuses a change that would leave nobody able to manage the accounts. */
  async function checkNotLastAdministrator(tx: StoreDb, target: UserRow): Promise<void> {
    if (target.role !== 'administrator' || !target.active) return;
    const [others] = await tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'administrator'), eq(users.active, true), ne(users.id, target.id)));
    if ((others?.n ?? 0) === 0)
      throw new AppError('LAST_ADMINISTRATOR', 'The last active administrator must stay an active administrator');
  }

  async function getRow(tx: StoreDb, userId: string): Promise<UserRow> {
    const [row] = await tx.select().from(users).where(eq(users.id, userId));
    if (!row) throw new AppError('NOT_FOUND', 'No such account');
    return row;
  }

  async function insertUser(actor: UserView | null, input: NewUser, onlyIfFirst: boolean): Promise<UserView> {
    checkStrength(input.password);
    const passwordHash = await hashPassword(input.password);
    const at = now();
    return store.transaction(actor ? accessOf(actor) : SYSTEM_ACCESS, async (tx) => {
      // Checked again inside the write transaction: two first-run forms must not both succeed.
      if (onlyIfFirst && ((await tx.select({ n: count() }).from(users))[0]?.n ?? 0) > 0) {
        throw new AppError('ALREADY_SET_UP', 'The first administrator already exists');
      }
      if ((await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username))).length > 0) {
        throw new AppError('USERNAME_TAKEN', `The username ${input.username} is taken`, ['username']);
      }
      await checkUnit(tx, input.role, input.unitId);
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
      await tx.insert(users).values(row);
      const userId = actor?.id ?? row.id;
      await store.appendAudit(tx, {
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
      const [row] = await store.transaction(SIGN_IN_ACCESS, (tx) =>
        tx.select().from(users).where(eq(users.username, username)),
      );
      if (!row) return { kind: 'unknown' } as const;
      if (!row.active || isLocked(row, now())) {
        const at = now();
        await store.transaction(SIGN_IN_ACCESS, (tx) =>
          store.appendAudit(tx, {
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
      return store.transaction(SIGN_IN_ACCESS, async (tx) => {
        const at = now();
        const [current] = await tx.select().from(users).where(eq(users.id, row.id));
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
          await store.appendAudit(tx, { at, userId: row.id, action: `${purpose}.refused`, details: { reason } });
          return { kind: 'refused' } as const;
        }
        if (matches) {
          await tx
            .update(users)
            .set({ failedAttempts: 0, lockedUntil: null, updatedAt: at })
            .where(eq(users.id, row.id));
          // A password change records its own success once the new password is stored.
          if (purpose !== 'password_change')
            await store.appendAudit(tx, { at, userId: row.id, action: `${purpose}.succeeded` });
          return { kind: 'ok', row: current! } as const;
        }
        // Counted by the database, not from the row read above: on a zone's store, attempts on
        // two server instances each add theirs.
        const [counted] = await tx
          .update(users)
          .set({ failedAttempts: sql`${users.failedAttempts} + 1`, updatedAt: at })
          .where(eq(users.id, row.id))
          .returning({ failedAttempts: users.failedAttempts });
        const failedAttempts = counted!.failedAttempts;
        const lock = failedAttempts >= config.lockout.maxFailedAttempts;
        if (lock) {
          await tx
            .update(users)
            .set({ failedAttempts: 0, lockedUntil: at + config.lockout.lockMinutes * 60_000 })
            .where(eq(users.id, row.id));
        }
        await store.appendAudit(tx, { at, userId: row.id, action: `${purpose}.failed`, details: { failedAttempts } });
        if (lock)
          await store.appendAudit(tx, {
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
  async function canSignIn(userId: string): Promise<boolean> {
    const [row] = await store.transaction(SYSTEM_ACCESS, (tx) =>
      tx.select({ active: users.active, lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, userId)),
    );
    return Boolean(row?.active) && !isLocked(row!, now());
  }

  async function getActiveUser(id: string): Promise<UserView | null> {
    const [row] = await store.transaction(SYSTEM_ACCESS, (tx) => tx.select().from(users).where(eq(users.id, id)));
    return row && row.active ? toUserView(row) : null;
  }

  /** Display name, role and unit, as the administrator sets them. */
  async function updateUser(actor: UserView, userId: string, changes: UserChanges): Promise<UserView> {
    const at = now();
    return store.transaction(accessOf(actor), async (tx) => {
      const target = await getRow(tx, userId);
      if (changes.role !== target.role) {
        // She would lose the accounts page in the middle of using it: another administrator does it.
        if (userId === actor.id)
          throw new AppError('CANNOT_CHANGE_OWN_ACCESS', 'An administrator cannot change her own role', ['role']);
        await checkNotLastAdministrator(tx, target);
      }
      await checkUnit(tx, changes.role, changes.unitId);
      const wanted = {
        ...changes,
        serviceNumber: changes.serviceNumber === undefined ? target.serviceNumber : changes.serviceNumber,
      };
      const changed = (['displayName', 'role', 'unitId', 'serviceNumber'] as const).filter(
        (key) => wanted[key] !== target[key],
      );
      if (changed.length === 0) return toUserView(target);
      const row = { ...target, ...wanted, updatedAt: at };
      await tx
        .update(users)
        .set({
          displayName: row.displayName,
          role: row.role,
          unitId: row.unitId,
          serviceNumber: row.serviceNumber,
          updatedAt: at,
        })
        .where(eq(users.id, userId));
      await store.appendAudit(tx, {
        at,
        userId: actor.id,
        action: 'user.updated',
        details: { targetUserId: userId, changed, role: row.role, unitId: row.unitId },
      });
      return toUserView(row);
    });
  }

  async function setActive(actor: UserView, userId: string, active: boolean): Promise<UserView> {
    const at = now();
    return store.transaction(accessOf(actor), async (tx) => {
      const target = await getRow(tx, userId);
      if (!active && userId === actor.id)
        throw new AppError('CANNOT_CHANGE_OWN_ACCESS', 'An administrator cannot deactivate her own account');
      if (target.active === active) return toUserView(target);
      if (!active) await checkNotLastAdministrator(tx, target);
      await tx.update(users).set({ active, updatedAt: at }).where(eq(users.id, userId));
      await store.appendAudit(tx, {
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
    return store.transaction(accessOf(actor), async (tx) => {
      const target = await getRow(tx, userId);
      const row = {
        ...target,
        passwordHash,
        mustChangePassword: true,
        failedAttempts: 0,
        lockedUntil: null,
        updatedAt: at,
      };
      await tx
        .update(users)
        .set({ passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null, updatedAt: at })
        .where(eq(users.id, userId));
      await store.appendAudit(tx, {
        at,
        userId: actor.id,
        action: 'user.password_reset',
        details: { targetUserId: userId },
      });
      return toUserView(row);
    });
  }

  /** The signed-in person replaces her own password, knowing the current one (forced after a creation or a reset, or by choice). */
  async function changeOwnPassword(user: UserView, currentPassword: string, newPassword: string): Promise<UserView> {
    checkStrength(newPassword, 'newPassword');
    if (currentPassword.normalize('NFC') === newPassword.normalize('NFC')) {
      throw new AppError('PASSWORD_UNCHANGED', 'The new password must differ from the current one', ['newPassword']);
    }
    const own = await store.transaction(accessOf(user), (tx) => getRow(tx, user.id));
    const row = await checkPassword(own.username, currentPassword, 'password_change');
    const passwordHash = await hashPassword(newPassword);
    const at = now();
    return store.transaction(accessOf(user), async (tx) => {
      // Only over the password just verified: a reset in between wins.
      const changed = await tx
        .update(users)
        .set({ passwordHash, mustChangePassword: false, updatedAt: at })
        .where(and(eq(users.id, user.id), eq(users.passwordHash, row.passwordHash), eq(users.active, true)))
        .returning({ id: users.id });
      if (changed.length !== 1) throw refused();
      await store.appendAudit(tx, {
        at,
        userId: user.id,
        action: 'password.changed',
        details: { forced: row.mustChangePassword },
      });
      return toUserView(await getRow(tx, user.id));
    });
  }

  return {
    needsSetup,
    createFirstAdministrator: (input: Omit<NewUser, 'role' | 'unitId' | 'serviceNumber'>) =>
      insertUser(null, { ...input, role: 'administrator', unitId: null }, true),
    createUser: (actor: UserView, input: NewUser) => insertUser(actor, input, false),
    listUsers: async (actor: UserView): Promise<UserView[]> =>
      (await store.transaction(accessOf(actor), (tx) => tx.select().from(users).orderBy(asc(users.username)))).map(
        toUserView,
      ),
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
