import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { AppConfig } from '../config';
import type { Role } from '../db/schema';
import type { AuditTrail } from '../services/audit';
import type { DirectoryService } from '../services/directory';
import type { DocumentService } from '../services/documents';
import type { EvidenceService } from '../services/evidence';
import type { HearingService } from '../services/hearings';
import type { RiskService } from '../services/risk';
import type { StatisticsService } from '../services/statistics';
import type { UnitService } from '../services/units';
import type { UserService } from '../services/users';
import { AppError } from './app-error';
import { MAX_PAYLOAD_DEPTH, payloadExcess } from './payload-limits';
import {
  contract,
  evidenceUploadSchema,
  isChannel,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type Envelope,
  type SessionView,
  type UserView,
} from './contract';

interface Session {
  userId: string;
  locked: boolean;
  lastActivityAt: number;
}

type Access =
  | { kind: 'public' }
  /** Signed in, even while the screen is locked (unlock, logout, current). */
  | { kind: 'signedIn' }
  | { kind: 'unlocked'; roles: readonly Role[] };

interface Context {
  clientId: string;
  user: UserView | null;
}

type Handler<C extends Channel> = (
  input: z.output<(typeof contract)[C]['input']>,
  ctx: Context,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export interface DispatcherDeps {
  users: UserService;
  units: UnitService;
  hearings: HearingService;
  risk: RiskService;
  directory: DirectoryService;
  statistics: StatisticsService;
  evidence: EvidenceService;
  documents: DocumentService;
  /**
   * Electron only: main's own file dialog, modal to the window of that client; the paths the
   * officer chose, none when she cancelled. Absent in the browser host, which takes uploads.
   */
  chooseFiles?: (clientId: string) => Promise<string[]>;
  audit: AuditTrail;
  config: AppConfig;
  now: () => number;
  log?: (message: string, error?: unknown) => void;
}

const HEARING_ROLES = ['officer', 'supervisor'] as const;

/**
 * The single entry point for every call from a renderer, whatever the transport (Electron IPC
 * or the browser host's loopback HTTP). A `clientId` names one window; each has its own session.
 */
export function createDispatcher(deps: DispatcherDeps) {
  const sessions = new Map<string, Session>();
  const listeners = new Set<(clientId: string) => void>();
  const log = deps.log ?? ((message: string, error?: unknown) => console.error(message, error));

  function view(clientId: string): SessionView {
    const session = sessions.get(clientId);
    const user = session ? deps.users.getActiveUser(session.userId) : null;
    return { user, locked: Boolean(session?.locked), idleLockSeconds: deps.config.idleLockSeconds };
  }

  function startSession(clientId: string, user: UserView): SessionView {
    sessions.set(clientId, { userId: user.id, locked: false, lastActivityAt: deps.now() });
    return view(clientId);
  }

  function endSession(clientId: string): void {
    sessions.delete(clientId);
    for (const listener of listeners) listener(clientId);
  }

  /** Every window of that account: deactivated, or its password reset by the administrator. */
  function endSessionsOf(userId: string): void {
    for (const [clientId, session] of sessions) if (session.userId === userId) endSession(clientId);
  }

  const access: { [C in Channel]: Access } = {
    'setup.status': { kind: 'public' },
    'setup.createAdministrator': { kind: 'public' },
    'session.current': { kind: 'public' },
    'session.login': { kind: 'public' },
    'session.logout': { kind: 'public' },
    'session.lock': { kind: 'signedIn' },
    'session.unlock': { kind: 'signedIn' },
    'session.changePassword': { kind: 'unlocked', roles: ['officer', 'supervisor', 'administrator'] },
    'users.list': { kind: 'unlocked', roles: ['administrator'] },
    'users.create': { kind: 'unlocked', roles: ['administrator'] },
    'users.update': { kind: 'unlocked', roles: ['administrator'] },
    'users.setActive': { kind: 'unlocked', roles: ['administrator'] },
    'users.resetPassword': { kind: 'unlocked', roles: ['administrator'] },
    // Every role sees unit names (her own unit, a hearing's unit); only the administrator changes them.
    'units.list': { kind: 'unlocked', roles: ['officer', 'supervisor', 'administrator'] },
    'units.save': { kind: 'unlocked', roles: ['administrator'] },
    'hearings.create': { kind: 'unlocked', roles: HEARING_ROLES },
    'hearings.listMine': { kind: 'unlocked', roles: HEARING_ROLES },
    'hearings.load': { kind: 'unlocked', roles: HEARING_ROLES },
    'hearings.saveAnswers': { kind: 'unlocked', roles: HEARING_ROLES },
    'hearings.approveStatement': { kind: 'unlocked', roles: HEARING_ROLES },
    'hearings.addAddendum': { kind: 'unlocked', roles: HEARING_ROLES },
    'hearings.close': { kind: 'unlocked', roles: HEARING_ROLES },
    'risk.history': { kind: 'unlocked', roles: HEARING_ROLES },
    'risk.submit': { kind: 'unlocked', roles: HEARING_ROLES },
    'risk.review': { kind: 'unlocked', roles: ['supervisor'] },
    'risk.noteEvent': { kind: 'unlocked', roles: HEARING_ROLES },
    'risk.queue': { kind: 'unlocked', roles: ['supervisor'] },
    'directory.list': { kind: 'unlocked', roles: ['officer', 'supervisor', 'administrator'] },
    'directory.save': { kind: 'unlocked', roles: ['administrator'] },
    // Counts only, no personal data: the supervisor and the zone's administrator, not officers.
    'statistics.export': { kind: 'unlocked', roles: ['supervisor', 'administrator'] },
    // The hearing's owner writes, a supervisor of its unit reads (checked by the service).
    'evidence.list': { kind: 'unlocked', roles: HEARING_ROLES },
    'evidence.save': { kind: 'unlocked', roles: HEARING_ROLES },
    'evidence.recordCustody': { kind: 'unlocked', roles: HEARING_ROLES },
    // Also the rule of the browser host's upload (importFile below).
    'evidence.importFiles': { kind: 'unlocked', roles: HEARING_ROLES },
    'evidence.verifyFile': { kind: 'unlocked', roles: HEARING_ROLES },
    // The owner prints; a supervisor of the unit reads the archive and prints the risk report (checked by the service).
    'documents.create': { kind: 'unlocked', roles: HEARING_ROLES },
    'documents.list': { kind: 'unlocked', roles: HEARING_ROLES },
    'documents.download': { kind: 'unlocked', roles: HEARING_ROLES },
    'documents.save': { kind: 'unlocked', roles: HEARING_ROLES },
    'documents.followUps': { kind: 'unlocked', roles: HEARING_ROLES },
    // The rights step shows them to officers; the administrator's view lists their translation status.
    'documents.victimCatalogs': { kind: 'unlocked', roles: ['officer', 'supervisor', 'administrator'] },
    'audit.verify': { kind: 'unlocked', roles: ['administrator'] },
    'documents.reviewPreview': { kind: 'unlocked', roles: ['officer'] },
    'documents.saveReview': { kind: 'unlocked', roles: ['officer'] },
  };

  const handlers: { [C in Channel]: Handler<C> } = {
    'setup.status': () => ({ needsSetup: deps.users.needsSetup(), passwordMinLength: deps.config.passwordMinLength }),
    'setup.createAdministrator': async (input, ctx) =>
      startSession(ctx.clientId, await deps.users.createFirstAdministrator(input)),
    'session.current': (_input, ctx) => view(ctx.clientId),
    'session.login': async (input, ctx) => {
      sessions.delete(ctx.clientId);
      return startSession(ctx.clientId, await deps.users.authenticate(input.username, input.password, 'login'));
    },
    'session.logout': (_input, ctx) => {
      endSession(ctx.clientId);
      return view(ctx.clientId);
    },
    'session.lock': (_input, ctx) => {
      const session = sessions.get(ctx.clientId);
      if (session) session.locked = true;
      return view(ctx.clientId);
    },
    'session.unlock': async (input, ctx) => {
      const user = ctx.user as UserView;
      try {
        await deps.users.authenticate(user.username, input.password, 'unlock');
      } catch (error) {
        // The answer does not say why; an account locked out (or deactivated) meanwhile does not
        // stay signed in behind the lock screen.
        if (!deps.users.canSignIn(user.id)) endSession(ctx.clientId);
        throw error;
      }
      const session = sessions.get(ctx.clientId);
      if (session) {
        session.locked = false;
        session.lastActivityAt = deps.now();
      }
      return view(ctx.clientId);
    },
    'session.changePassword': async (input, ctx) => {
      const user = ctx.user as UserView;
      try {
        await deps.users.changeOwnPassword(user.id, input.currentPassword, input.newPassword);
      } catch (error) {
        // As with unlocking: a locked-out account does not stay signed in.
        if (!deps.users.canSignIn(user.id)) endSession(ctx.clientId);
        throw error;
      }
      return view(ctx.clientId);
    },
    'users.list': () => ({ users: deps.users.listUsers() }),
    'users.create': async (input, ctx) => ({ user: await deps.users.createUser((ctx.user as UserView).id, input) }),
    'users.update': (input, ctx) => {
      const before = deps.users.getActiveUser(input.userId);
      const user = deps.users.updateUser((ctx.user as UserView).id, input.userId, input);
      // Her open windows were built for the role she had.
      if (before && before.role !== user.role) endSessionsOf(user.id);
      return { user };
    },
    'users.setActive': (input, ctx) => {
      const user = deps.users.setActive((ctx.user as UserView).id, input.userId, input.active);
      if (!user.active) endSessionsOf(user.id);
      return { user };
    },
    'users.resetPassword': async (input, ctx) => {
      const user = await deps.users.resetPassword((ctx.user as UserView).id, input.userId, input.password);
      endSessionsOf(user.id);
      return { user };
    },
    'units.list': () => ({ units: deps.units.list() }),
    'units.save': (input, ctx) => ({ unit: deps.units.save((ctx.user as UserView).id, input.id, input.name) }),
    'hearings.create': (_input, ctx) => ({ hearing: deps.hearings.create(ctx.user as UserView) }),
    'hearings.listMine': (_input, ctx) => deps.hearings.listMine(ctx.user as UserView),
    'hearings.load': (input, ctx) => deps.hearings.load(ctx.user as UserView, input.hearingId),
    'hearings.saveAnswers': (input, ctx) => deps.hearings.saveAnswers(ctx.user as UserView, input),
    'hearings.approveStatement': (input, ctx) =>
      deps.hearings.approveStatement(ctx.user as UserView, input.hearingId, input.textRevision),
    'hearings.addAddendum': (input, ctx) => ({
      addendum: deps.hearings.addAddendum(ctx.user as UserView, input.hearingId, input.text),
    }),
    'hearings.close': (input, ctx) => deps.hearings.close(ctx.user as UserView, input.hearingId),
    'risk.history': (input, ctx) => deps.risk.history(ctx.user as UserView, input.hearingId),
    'risk.submit': (input, ctx) => deps.risk.submit(ctx.user as UserView, input),
    'risk.review': (input, ctx) => deps.risk.review(ctx.user as UserView, input),
    'risk.noteEvent': (input, ctx) => deps.risk.noteEvent(ctx.user as UserView, input),
    'risk.queue': (_input, ctx) => deps.risk.queue(ctx.user as UserView),
    'directory.list': () => ({ services: deps.directory.list() }),
    'directory.save': (input, ctx) => ({
      service: deps.directory.save((ctx.user as UserView).id, input.id, input.service),
    }),
    'statistics.export': (input, ctx) => deps.statistics.exportStatistics((ctx.user as UserView).id, input),
    'evidence.list': (input, ctx) => deps.evidence.list(ctx.user as UserView, input.hearingId),
    'evidence.save': (input, ctx) => deps.evidence.save(ctx.user as UserView, input),
    'evidence.recordCustody': (input, ctx) => deps.evidence.recordCustody(ctx.user as UserView, input),
    'evidence.importFiles': async (input, ctx) => {
      if (!deps.chooseFiles)
        throw new AppError('FILE_DIALOG_UNAVAILABLE', 'This window takes files by upload (POST /api/evidence/upload)');
      const user = ctx.user as UserView;
      // Refused before the dialog opens: nothing to choose for an item that may not take files.
      deps.evidence.requireFileTarget(user, input.hearingId, input.itemId);
      const files = [];
      // One after the other, each imported whole or not at all.
      for (const filePath of await deps.chooseFiles(ctx.clientId))
        files.push(await deps.evidence.importPath(user, input, filePath));
      return { files };
    },
    'evidence.verifyFile': (input, ctx) =>
      deps.evidence.verifyFile(ctx.user as UserView, input.hearingId, input.fileId),
    'documents.create': (input, ctx) => deps.documents.create(ctx.user as UserView, input, ctx.clientId),
    'documents.list': (input, ctx) => deps.documents.list(ctx.user as UserView, input.hearingId),
    'documents.download': (input, ctx) => deps.documents.download(ctx.user as UserView, input.documentId),
    'documents.save': (input, ctx) => deps.documents.save(ctx.user as UserView, input.documentId, ctx.clientId),
    'documents.followUps': (input, ctx) => deps.documents.followUps(ctx.user as UserView, input.scope),
    'documents.victimCatalogs': () => deps.documents.catalogs(),
    'audit.verify': (input, ctx) => deps.audit.verify(input.scope, (ctx.user as UserView).id),
    'documents.reviewPreview': (input, ctx) => deps.documents.reviewPreview(ctx.user as UserView, input.hearingId),
    'documents.saveReview': (input, ctx) => deps.documents.saveReview(ctx.user as UserView, input),
  };

  /** Resolves the caller and refuses what its session may not do. */
  function authorize(channel: Channel, clientId: string): UserView | null {
    const rule = access[channel];
    if (rule.kind === 'public') return null;
    const session = sessions.get(clientId);
    const user = session ? deps.users.getActiveUser(session.userId) : null;
    if (!session || !user) {
      sessions.delete(clientId);
      throw new AppError('NOT_SIGNED_IN', 'Sign in first');
    }
    if (rule.kind === 'signedIn') return user;
    // A backstop for the renderer's idle lock, with a margin so an officer who reads without
    // clicking is locked by the screen first.
    if (!session.locked && deps.now() - session.lastActivityAt > 2 * deps.config.idleLockSeconds * 1000) {
      session.locked = true;
    }
    if (session.locked) throw new AppError('SESSION_LOCKED', 'The screen is locked');
    // After a reset, the temporary password opens nothing but the form that replaces it.
    if (user.mustChangePassword && channel !== 'session.changePassword') {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Choose a new password first');
    }
    if (!rule.roles.includes(user.role)) {
      // On record, with who and which channel, never what was sent: a role reaching for what it
      // may not (an administrator for a hearing) is what an audit of access looks for.
      deps.audit.record({ at: deps.now(), userId: user.id, action: 'access.refused', details: { channel } });
      throw new AppError('FORBIDDEN', `The role ${user.role} may not use ${channel}`);
    }
    session.lastActivityAt = deps.now();
    return user;
  }

  async function dispatch(clientId: string, channel: unknown, rawInput: unknown): Promise<Envelope<unknown>> {
    if (!isChannel(channel))
      return fail(new AppError('UNKNOWN_CHANNEL', `Unknown channel ${String(channel).slice(0, 80)}`));
    // Before any schema recurses into it (answers are any JSON): a value nested 100,000 levels
    // deep would exhaust the stack inside the validation.
    const excess = payloadExcess(rawInput);
    if (excess !== null)
      return fail(
        new AppError(
          'VALIDATION',
          excess === 'depth'
            ? `The input is nested more than ${MAX_PAYLOAD_DEPTH} levels deep`
            : 'The input is too large',
        ),
      );
    // A channel that needs a session does not parse the input of a window without one.
    if (access[channel].kind !== 'public' && !sessions.has(clientId))
      return fail(new AppError('NOT_SIGNED_IN', 'Sign in first'));
    const spec = contract[channel];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return fail(
        new AppError(
          'VALIDATION',
          z.prettifyError(parsed.error),
          parsed.error.issues.map((i) => i.path.join('.')).filter(Boolean),
        ),
      );
    }
    try {
      const user = authorize(channel, clientId);
      const handler = handlers[channel] as Handler<Channel>;
      const value = await handler(parsed.data as never, { clientId, user });
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        log(`Output of ${channel} does not match the contract`, checked.error);
        return fail(new AppError('INTERNAL', 'The application produced an invalid answer'));
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof AppError) return fail(error);
      log(`Channel ${channel} failed`, error);
      return fail(new AppError('INTERNAL', 'An unexpected error occurred; nothing was changed'));
    }
  }

  return {
    dispatch,
    /** For typed callers in Node (tests, benchmarks): the same path as any renderer call. */
    call<C extends Channel>(clientId: string, channel: C, input: ChannelInput<C>) {
      return dispatch(clientId, channel, input) as Promise<Envelope<ChannelOutput<C>>>;
    },
    /**
     * The browser host's upload: the session and role checks of evidence.importFiles, then the
     * request body streamed into the evidence store (never buffered); the same envelope back.
     */
    async importFile(
      clientId: string,
      rawInput: unknown,
      source: Readable,
    ): Promise<Envelope<ChannelOutput<'evidence.importFiles'>>> {
      const parsed = evidenceUploadSchema.safeParse(rawInput);
      if (!parsed.success) {
        return fail(
          new AppError(
            'VALIDATION',
            z.prettifyError(parsed.error),
            parsed.error.issues.map((i) => i.path.join('.')).filter(Boolean),
          ),
        );
      }
      try {
        const user = authorize('evidence.importFiles', clientId) as UserView;
        // Nobody else reads the body: each chunk's memory goes back once it is hashed and sealed.
        const file = await deps.evidence.importStream(user, { ...parsed.data, releaseChunks: 'sole' }, source);
        return { ok: true, value: contract['evidence.importFiles'].output.parse({ files: [file] }) };
      } catch (error) {
        if (error instanceof AppError) return fail(error);
        log('The evidence upload failed', error);
        return fail(new AppError('INTERNAL', 'An unexpected error occurred; nothing was changed'));
      }
    },
    /** When a window closes, its session goes with it. */
    forgetClient(clientId: string) {
      sessions.delete(clientId);
    },
    /** Lock every session (the operating system locked or suspended). */
    lockAll() {
      for (const [clientId, session] of sessions) {
        session.locked = true;
        for (const listener of listeners) listener(clientId);
      }
    },
    onSessionChanged(listener: (clientId: string) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function fail(error: AppError): Envelope<never> {
  return { ok: false, error: error.toApiError() };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
