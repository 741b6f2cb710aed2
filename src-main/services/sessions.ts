import { and, eq, lt, sql } from 'drizzle-orm';
import { SYSTEM_ACCESS, type Store } from '../db/store';
import type { UserView } from '../api/contract';
import { toUserView } from './users';

/** A window's session as the store keeps it: who, whether locked, when last used. */
export interface StoredSession {
  userId: string;
  locked: boolean;
  lastActivityAt: number;
}

/** Who calls from a window: its session, and its account while that account is active. */
export interface Caller {
  session: StoredSession;
  user: UserView | null;
}

/**
 * The windows' sessions, kept in the store (zone.md: the zone's server instances share them, and
 * stopping one signs nobody out). A window is named by its client id. What a session allows is the
 * dispatcher's to decide; this keeps them, as the store's `system` context, before anyone is known.
 */
export function createSessionService({ store }: { store: Store }) {
  const { sessions, users } = store.tables;
  const system = <T>(work: Parameters<typeof store.transaction<T>>[1]) => store.transaction(SYSTEM_ACCESS, work);

  return {
    /**
     * The session and its account in one unit of work: every call starts here, and on PostgreSQL
     * each unit of work is a round trip of its own (BEGIN, context, query, COMMIT).
     */
    async caller(clientId: string): Promise<Caller | null> {
      const [row] = await system((tx) =>
        tx
          .select({
            userId: sessions.userId,
            locked: sessions.locked,
            lastActivityAt: sessions.lastActivityAt,
            account: users,
          })
          .from(sessions)
          .leftJoin(users, eq(users.id, sessions.userId))
          .where(eq(sessions.clientId, clientId)),
      );
      if (!row) return null;
      const { account, ...session } = row;
      return { session, user: account?.active ? toUserView(account) : null };
    },

    /** Signs the window in as `userId`, unlocked, replacing whatever session it had. */
    async start(clientId: string, userId: string, at: number): Promise<void> {
      await system(async (tx) => {
        await tx.delete(sessions).where(eq(sessions.clientId, clientId));
        await tx.insert(sessions).values({ clientId, userId, locked: false, lastActivityAt: at, startedAt: at });
      });
    },

    /** Whether the window had a session to end. */
    async end(clientId: string): Promise<boolean> {
      const ended = await system((tx) =>
        tx.delete(sessions).where(eq(sessions.clientId, clientId)).returning({ clientId: sessions.clientId }),
      );
      return ended.length > 0;
    },

    /** Ends every window of the account; returns their client ids. */
    async endAllOf(userId: string): Promise<string[]> {
      const ended = await system((tx) =>
        tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ clientId: sessions.clientId }),
      );
      return ended.map((s) => s.clientId);
    },

    async setLocked(clientId: string, locked: boolean, at: number): Promise<void> {
      await system((tx) =>
        tx
          .update(sessions)
          .set(locked ? { locked } : { locked, lastActivityAt: at })
          .where(eq(sessions.clientId, clientId)),
      );
    },

    /**
     * Locks every window (the computer locked or went to sleep), or on a zone server every window
     * of one workstation (the client ids it prefixes); returns their client ids.
     */
    async lockAll(clientIdPrefix = ''): Promise<string[]> {
      const locked = await system((tx) =>
        tx
          .update(sessions)
          .set({ locked: true })
          .where(sql`substr(${sessions.clientId}, 1, ${clientIdPrefix.length}) = ${clientIdPrefix}`)
          .returning({ clientId: sessions.clientId }),
      );
      return locked.map((s) => s.clientId);
    },

    /**
     * Notes a call, unless the session's last activity is more recent than `resolutionMs`: the idle
     * backstop allows twice the screen's idle lock, so a coarse record is exact enough and spares
     * the store a durable write on every call.
     */
    async touch(clientId: string, session: StoredSession, at: number, resolutionMs: number): Promise<void> {
      if (at - session.lastActivityAt < resolutionMs) return;
      await system((tx) =>
        tx
          .update(sessions)
          .set({ lastActivityAt: at })
          .where(and(eq(sessions.clientId, clientId), lt(sessions.lastActivityAt, at))),
      );
    },

    /** Every session gone: the standalone app at start, whose windows ended with its last run. */
    async clear(): Promise<void> {
      await system((tx) => tx.delete(sessions));
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
