import type { z } from 'zod';
import { ROLES } from '../../domain/roles';
import type { SessionView, UserView } from './schemas';

/**
 * How a channel is declared: one `defineChannel` per channel in its domain's module
 * (src-main/api/domains/), with its input and output schemas, who may call it and its handler.
 * Everything else (contract, dispatcher, preload allow-list, browser host, renderer client)
 * derives from these declarations.
 *
 * This module and the domain modules stay free of Node and of the services' types at the type
 * level too: the renderer takes its types from them (see ApiDeps).
 */

export type Role = UserView['role'];

/** Who may call a channel. */
export type Access =
  | { kind: 'public' }
  /** Signed in, even while the screen is locked (unlock, lock). */
  | { kind: 'signedIn' }
  /**
   * Signed in, the screen unlocked, with one of these roles. A temporary password (after a reset)
   * opens nothing but channels with `passwordChangePending`: the form that replaces it.
   */
  | { kind: 'unlocked'; roles: readonly Role[]; passwordChangePending?: boolean };

export const PUBLIC = { kind: 'public' } as const;
export const SIGNED_IN = { kind: 'signedIn' } as const;
export function unlocked<const R extends readonly Role[]>(
  roles: R,
  options: { passwordChangePending?: true } = {},
): { kind: 'unlocked'; roles: R; passwordChangePending?: boolean } {
  return { kind: 'unlocked', roles, ...options };
}
export const EVERY_ROLE = ROLES;
/** Who works on hearings: the owner writes, a supervisor of its unit reads (checked by the services). */
export const HEARING_ROLES = ['officer', 'supervisor'] as const satisfies readonly Role[];

/**
 * The caller, as the access rule guarantees it. A public channel does not resolve one (null):
 * what the window's session holds, if anything, is `ctx.session.view()`.
 */
export type UserFor<A extends Access> = A extends { kind: 'public' } ? null : UserView;

/** The calling window's session, for the channels that open, lock or end one. */
export interface SessionControl {
  view(): Promise<SessionView>;
  /** Signs the window in as `user`, unlocked. */
  start(user: UserView): Promise<SessionView>;
  /** Drops the window's session without telling anyone (a new sign-in replaces it). */
  forget(): Promise<void>;
  /** Signs the window out; the session-changed listeners hear of it. */
  end(): Promise<void>;
  /** Signs out every window of that account (deactivated, password reset, role changed). */
  endSessionsOf(userId: string): Promise<void>;
  lock(): Promise<void>;
  unlock(): Promise<void>;
}

/**
 * The services and settings a handler reaches (src-main/api/dispatcher.ts: DispatcherDeps).
 * Declared by the dispatcher, which augments ApiDepsRegistry: the service modules use Node, and
 * the renderer's type check, which reaches the domain modules through the contract's types,
 * must not take them in. Where the dispatcher is part of the program (main, tests, bench), the
 * handlers are checked against the real services; in the renderer's, deps are left untyped.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by module augmentation
export interface ApiDepsRegistry {}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- only where the dispatcher is absent (see above)
type Registered<K extends string> = ApiDepsRegistry extends { [P in K]: infer T } ? T : any;
export type ApiDeps = Registered<'deps'>;
/** What an upload's handler reads the file from (a Node stream, hence registered by the dispatcher too). */
export type UploadSource = Registered<'uploadSource'>;

export interface ChannelContext<A extends Access> {
  /** One window (Electron) or tab (browser host); each has its own session. */
  clientId: string;
  user: UserFor<A>;
  deps: ApiDeps;
  session: SessionControl;
}

/**
 * The handler's return type is checked against the output schema by `checkOutputs` (a
 * statement of its own in domains/index.ts), not here: the services' return types are written
 * with ChannelOutput, which derives from these declarations, and TypeScript would see a cycle.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Unchecked = any;
type Handler<I extends z.ZodType, A extends Access> = (input: z.output<I>, ctx: ChannelContext<A>) => Unchecked;

/**
 * A second way in for a channel whose input is a stream (the browser host's evidence upload):
 * its own schema for the request's parameters; the channel's access rule and output.
 */
type UploadHandler<U extends z.ZodType, A extends Access> = (
  input: z.output<U>,
  source: UploadSource,
  ctx: ChannelContext<A>,
) => Promise<Unchecked>;

export interface ChannelDefinition<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  A extends Access = Access,
  H = unknown,
  U extends { input: z.ZodType; handler: unknown } | undefined = { input: z.ZodType; handler: unknown } | undefined,
> {
  input: I;
  output: O;
  access: A;
  handler: H;
  upload?: U;
}

export function defineChannel<
  I extends z.ZodType,
  O extends z.ZodType,
  const A extends Access,
  H extends Handler<I, A>,
  UI extends z.ZodType = z.ZodNever,
  UH extends UploadHandler<UI, A> = never,
>(definition: {
  input: I;
  output: O;
  access: A;
  handler: H;
  upload?: { input: UI; handler: UH };
}): ChannelDefinition<I, O, A, H, { input: UI; handler: UH } | undefined> {
  return definition;
}

/** A domain's channels, keyed by their full names (`<domain>.<name>`). */
export type ChannelSet = Record<string, ChannelDefinition>;

/**
 * A domain: its channels, each named `<domain>.<something>` (checked when the module loads), so
 * that a channel's name says where it is declared.
 */
export function defineDomain<const N extends string, const D extends ChannelSet>(name: N, channels: D): D {
  for (const channel of Object.keys(channels)) {
    if (!channel.startsWith(`${name}.`)) throw new Error(`The channel ${channel} is not in the domain ${name}`);
  }
  return channels;
}

type Output<C> = C extends { output: infer O extends z.ZodType } ? z.output<O> : never;
type Returned<H> = H extends (...args: never[]) => infer R ? Awaited<R> : never;

/**
 * Each handler (and upload) returns what its output schema describes: a channel that does not
 * fails this type check, with the channel named in the error.
 */
export type OutputsChecked<D extends ChannelSet> = {
  [C in keyof D]: [Returned<D[C]['handler']>] extends [Output<D[C]>]
    ? [Returned<NonNullable<D[C]['upload']>['handler']>] extends [Output<D[C]>]
      ? D[C]
      : { upload: { handler: (...args: never[]) => Promise<Output<D[C]>> } }
    : { handler: (...args: never[]) => Output<D[C]> | Promise<Output<D[C]>> };
};
