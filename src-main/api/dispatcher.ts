import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { AppConfig } from '../config';
import type { AuditTrail } from '../services/audit';
import type { DirectoryService } from '../services/directory';
import type { DocumentService } from '../services/documents';
import type { PhoneCheckService } from '../services/phone-check';
import type { EvidenceService } from '../services/evidence';
import type { FollowUpService } from '../services/follow-ups';
import type { HearingService } from '../services/hearings';
import type { PairHistoryService } from '../services/pair-history';
import type { PersonService } from '../services/persons';
import type { RiskService } from '../services/risk';
import type { Caller, SessionService } from '../services/sessions';
import type { StatisticsService } from '../services/statistics';
import type { UnitService } from '../services/units';
import type { UserService } from '../services/users';
import { AppError } from './app-error';
import type { ChannelDefinition, ChannelSet, SessionControl } from './channel';
import type { Channel, ChannelInput, ChannelOutput } from './contract';
import { API_CHANNELS } from './domains';
import { MAX_PAYLOAD_DEPTH, payloadExcess } from './payload-limits';
import type { Envelope, SessionView, UserView } from './schemas';

export interface DispatcherDeps {
  /** The windows' sessions, in the store (src-main/services/sessions.ts). */
  sessions: SessionService;
  users: UserService;
  units: UnitService;
  hearings: HearingService;
  /** Victims and suspects across hearings: proposals, links, their undoing. */
  persons: PersonService;
  /** One history per victim and suspect, and what police records feed the risk step. */
  pairs: PairHistoryService;
  risk: RiskService;
  directory: DirectoryService;
  statistics: StatisticsService;
  evidence: EvidenceService;
  documents: DocumentService;
  /** The to-do list of those who hear victims and of supervisors. */
  followUps: FollowUpService;
  /** The phone check; absent where a host builds its deps without one (its channels then refuse). */
  phoneCheck?: PhoneCheckService;
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

/** Where the dispatcher is part of the program, handlers are typed against the real services (channel.ts: ApiDeps). */
declare module './channel' {
  interface ApiDepsRegistry {
    deps: DispatcherDeps;
    uploadSource: Readable;
  }
}

/**
 * The single entry point for every call from a renderer, whatever the transport (Electron IPC
 * or the browser host's loopback HTTP). A `clientId` names one window; each has its own session.
 * It routes to the channels declared in src-main/api/domains/ (API_CHANNELS; a test may pass a
 * set of its own) and applies each declaration's access rule and schemas.
 */
export function createDispatcher(deps: DispatcherDeps, channels: ChannelSet = API_CHANNELS) {
  const { sessions } = deps;
  const listeners = new Set<(clientId: string) => void>();
  const log = deps.log ?? ((message: string, error?: unknown) => console.error(message, error));

  // A quarter of the screen's idle lock, a minute at most (sessions.ts: touch).
  const activityResolutionMs = Math.min(60_000, deps.config.idleLockSeconds * 250);

  async function view(clientId: string): Promise<SessionView> {
    const caller = await sessions.caller(clientId);
    return {
      user: caller?.user ?? null,
      locked: Boolean(caller?.session.locked),
      idleLockSeconds: deps.config.idleLockSeconds,
    };
  }

  function notify(clientId: string): void {
    for (const listener of listeners) listener(clientId);
  }

  async function endSession(clientId: string): Promise<void> {
    await sessions.end(clientId);
    notify(clientId);
  }

  /** What a handler may do to the calling window's session (and, for accounts, to others'). */
  function sessionControl(clientId: string): SessionControl {
    return {
      view: () => view(clientId),
      async start(user) {
        await sessions.start(clientId, user.id, deps.now());
        return view(clientId);
      },
      forget: async () => void (await sessions.end(clientId)),
      end: () => endSession(clientId),
      async endSessionsOf(userId) {
        for (const id of await sessions.endAllOf(userId)) notify(id);
      },
      lock: () => sessions.setLocked(clientId, true, deps.now()),
      unlock: () => sessions.setLocked(clientId, false, deps.now()),
    };
  }

  function definitionOf(channel: unknown): ChannelDefinition | undefined {
    return typeof channel === 'string' && Object.hasOwn(channels, channel) ? channels[channel] : undefined;
  }

  function callerOf(clientId: string, definition: ChannelDefinition): Promise<Caller | null> {
    return definition.access.kind === 'public' ? Promise.resolve(null) : sessions.caller(clientId);
  }

  /** Refuses what the caller's session may not do; `caller` as read for this call (null: none). */
  async function authorize(
    channel: string,
    definition: ChannelDefinition,
    clientId: string,
    caller: Caller | null,
  ): Promise<UserView | null> {
    const rule = definition.access;
    if (rule.kind === 'public') return null;
    const session = caller?.session;
    const user = caller?.user;
    if (!session || !user) {
      if (session) await sessions.end(clientId);
      throw new AppError('NOT_SIGNED_IN', 'Sign in first');
    }
    if (rule.kind === 'signedIn') return user;
    // A backstop for the renderer's idle lock, with a margin so an officer who reads without
    // clicking is locked by the screen first.
    if (!session.locked && deps.now() - session.lastActivityAt > 2 * deps.config.idleLockSeconds * 1000) {
      await sessions.setLocked(clientId, true, deps.now());
      session.locked = true;
    }
    if (session.locked) throw new AppError('SESSION_LOCKED', 'The screen is locked');
    // After a reset, the temporary password opens nothing but the form that replaces it.
    if (user.mustChangePassword && !rule.passwordChangePending) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Choose a new password first');
    }
    if (!rule.roles.includes(user.role)) {
      // On record, with who and which channel, never what was sent: a role reaching for what it
      // may not (an administrator for a hearing) is what an audit of access looks for.
      await deps.audit.record({ at: deps.now(), userId: user.id, action: 'access.refused', details: { channel } });
      throw new AppError('FORBIDDEN', `The role ${user.role} may not use ${channel}`);
    }
    await sessions.touch(clientId, session, deps.now(), activityResolutionMs);
    return user;
  }

  /** What a handler is given, once the caller passed the channel's access rule. */
  async function context(channel: string, definition: ChannelDefinition, clientId: string, caller: Caller | null) {
    const user = await authorize(channel, definition, clientId, caller);
    return { clientId, user, deps, session: sessionControl(clientId) };
  }

  /** The handler's answer, checked against the channel's output schema, or the error it threw. */
  async function answer(
    channel: string,
    definition: ChannelDefinition,
    run: () => unknown,
    failure: string,
  ): Promise<Envelope<unknown>> {
    try {
      const value = await run();
      const checked = definition.output.safeParse(value);
      if (!checked.success) {
        log(`Output of ${channel} does not match the contract`, checked.error);
        return fail(new AppError('INTERNAL', 'The application produced an invalid answer'));
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof AppError) return fail(error);
      log(failure, error);
      return fail(new AppError('INTERNAL', 'An unexpected error occurred; nothing was changed'));
    }
  }

  async function dispatch(clientId: string, channel: unknown, rawInput: unknown): Promise<Envelope<unknown>> {
    const definition = definitionOf(channel);
    if (!definition) return fail(new AppError('UNKNOWN_CHANNEL', `Unknown channel ${String(channel).slice(0, 80)}`));
    const name = channel as string;
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
    const handler = definition.handler as (input: unknown, ctx: unknown) => unknown;
    return answer(
      name,
      definition,
      async () => {
        // Read once for the whole call: its access checks use the same session. A channel that
        // needs a session does not parse the input of a window without one.
        const caller = await callerOf(clientId, definition);
        if (definition.access.kind !== 'public' && !caller) throw new AppError('NOT_SIGNED_IN', 'Sign in first');
        const parsed = definition.input.safeParse(rawInput ?? {});
        if (!parsed.success) throw invalid(parsed.error);
        return handler(parsed.data, await context(name, definition, clientId, caller));
      },
      `Channel ${name} failed`,
    );
  }

  /**
   * A channel's second way in, for a file streamed as the request body (the browser host's
   * upload): the channel's session and role checks, then its `upload` handler, which reads the
   * stream (never buffered); the same envelope back.
   */
  async function upload(
    clientId: string,
    channel: string,
    rawInput: unknown,
    source: Readable,
  ): Promise<Envelope<unknown>> {
    const definition = definitionOf(channel);
    if (!definition?.upload) return fail(new AppError('UNKNOWN_CHANNEL', `No upload for ${channel.slice(0, 80)}`));
    const { upload } = definition;
    const parsed = upload.input.safeParse(rawInput);
    if (!parsed.success) return fail(invalid(parsed.error));
    const handler = upload.handler as (input: unknown, source: Readable, ctx: unknown) => unknown;
    return answer(
      channel,
      definition,
      async () =>
        handler(
          parsed.data,
          source,
          await context(channel, definition, clientId, await callerOf(clientId, definition)),
        ),
      `The upload to ${channel} failed`,
    );
  }

  return {
    dispatch,
    /** For typed callers in Node (tests, benchmarks): the same path as any renderer call. */
    call<C extends Channel>(clientId: string, channel: C, input: ChannelInput<C>) {
      return dispatch(clientId, channel, input) as Promise<Envelope<ChannelOutput<C>>>;
    },
    upload,
    /** The browser host's evidence upload (POST /api/evidence/upload): evidence.importFiles by stream. */
    importFile(
      clientId: string,
      rawInput: unknown,
      source: Readable,
    ): Promise<Envelope<ChannelOutput<'evidence.importFiles'>>> {
      return upload(clientId, 'evidence.importFiles', rawInput, source) as Promise<
        Envelope<ChannelOutput<'evidence.importFiles'>>
      >;
    },
    /** When a window closes, its session goes with it. */
    async forgetClient(clientId: string): Promise<void> {
      await sessions.end(clientId);
    },
    /** Lock every session (the operating system locked or suspended). */
    async lockAll(): Promise<void> {
      for (const clientId of await sessions.lockAll()) notify(clientId);
    },
    /** A zone server's: lock the windows of one workstation (its client ids' prefix). */
    async lockAllOf(clientIdPrefix: string): Promise<void> {
      for (const clientId of await sessions.lockAll(clientIdPrefix)) notify(clientId);
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

function invalid(error: z.ZodError): AppError {
  return new AppError('VALIDATION', z.prettifyError(error), error.issues.map((i) => i.path.join('.')).filter(Boolean));
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
