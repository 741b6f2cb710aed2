/**
 * Who may call the API over IPC: the top frame of one of our own windows, showing our own page.
 * A subframe, a page that navigated elsewhere or a webContents we did not create (a devtools
 * extension, a future webview) is refused before anything is dispatched.
 */

/** The parts of a WebFrameMain the check reads; Electron's own objects fit this shape. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly frameTreeNodeId: number;
}

/** The parts of an IpcMainInvokeEvent the check reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number; readonly mainFrame: FrameLike };
  readonly senderFrame: FrameLike | null;
}

export interface SenderFacts {
  /** Null when the frame navigated away or was destroyed before the call was handled. */
  frameUrl: string | null;
  isTopFrame: boolean;
  webContentsId: number;
}

export interface SenderTrust {
  /** Origins as `originOf` writes them: `app://hearing-desk`, or the dev server's in development. */
  trustedOrigins: readonly string[];
  isAppWebContents(webContentsId: number): boolean;
}

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

export function senderFactsFromEvent(event: InvokeEventLike): SenderFacts {
  const frame = event.senderFrame;
  return {
    frameUrl: frame ? frame.url : null,
    // Both conditions: a main frame has no parent, and it must be this webContents' main frame.
    isTopFrame:
      frame !== null && frame.parent === null && frame.frameTreeNodeId === event.sender.mainFrame.frameTreeNodeId,
    webContentsId: event.sender.id,
  };
}

export function checkSender(facts: SenderFacts, trust: SenderTrust): SenderVerdict {
  if (!trust.isAppWebContents(facts.webContentsId))
    return { trusted: false, reason: 'not a window of this application' };
  if (!facts.isTopFrame) return { trusted: false, reason: 'not the top frame' };
  const origin = facts.frameUrl === null ? null : originOf(facts.frameUrl);
  if (origin === null || !trust.trustedOrigins.includes(origin)) return { trusted: false, reason: 'untrusted origin' };
  return { trusted: true };
}

/**
 * `scheme://host[:port]` of a URL, or null when it has none we could trust. Computed by hand
 * because Node's URL gives every non-special scheme (app:) the opaque origin "null". URLs with
 * credentials are refused outright: `http://localhost:5173@evil.test` must never pass.
 */
export function originOf(rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '' || url.host === '') return null;
  return `${url.protocol}//${url.host}`;
}
