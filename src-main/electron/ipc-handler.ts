import type { Envelope } from '../api/contract';
import type { Dispatcher } from '../api/dispatcher';
import { checkSender, senderFactsFromEvent, type InvokeEventLike, type SenderTrust } from './sender-trust';

export interface InvokeHandlerDeps {
  dispatcher: Pick<Dispatcher, 'dispatch'>;
  trust: SenderTrust;
  log: (message: string) => void;
}

/**
 * The listener behind `ipcMain.handle(IPC_INVOKE, ...)`. The sender is checked before the
 * dispatcher sees anything; the dispatcher validates channel and input itself. Each window is
 * its own client, so two windows never share a session.
 */
export function createInvokeHandler(deps: InvokeHandlerDeps) {
  return async (event: InvokeEventLike, channel: unknown, input: unknown): Promise<Envelope<unknown>> => {
    const verdict = checkSender(senderFactsFromEvent(event), deps.trust);
    if (!verdict.trusted) {
      // The input is not logged: it may hold a victim's answers.
      deps.log(`Refused an IPC call from webContents ${event.sender.id}: ${verdict.reason}`);
      return { ok: false, error: { code: 'UNTRUSTED_SENDER', message: 'This window may not call the application' } };
    }
    return deps.dispatcher.dispatch(clientIdOf(event.sender.id), channel, input);
  };
}

export function clientIdOf(webContentsId: number): string {
  return String(webContentsId);
}
