import { Readable } from 'node:stream';
import { AppError } from '../api/app-error';
import type { ChannelOutput, Envelope } from '../api/contract';
import { openChosenFile, type ChosenFile } from '../services/evidence-store';
import type { ZoneDispatcher } from './zone-dispatcher';

type ImportOutput = ChannelOutput<'evidence.importFiles'>;

/**
 * A file the officer chose in the workstation's own dialog, streamed to the zone server's
 * evidence.importFiles upload (zone.md: "uploads stream from the workstation's main process"):
 * read once, never held whole, and sealed on the server as the browser host's upload is.
 *
 * The server keeps a file once every announced byte has arrived, and cannot see the workstation's
 * disk: so the last chunk is held back until the file is known unchanged (same file, size and
 * modification time). A file that changes, vanishes or cannot be read midway cuts the upload
 * short, which the server discards, and the officer is told why, as in the standalone app.
 */
export async function uploadChosenFile(
  zone: Pick<ZoneDispatcher, 'upload'>,
  clientId: string,
  target: { hearingId: string; itemId: string },
  filePath: string,
): Promise<Envelope<ImportOutput>> {
  let file: ChosenFile;
  try {
    file = await openChosenFile(filePath);
  } catch (error) {
    return failure(error);
  }
  let localFailure: unknown = null;
  async function* checkedBytes(opened: ChosenFile): AsyncGenerator<Buffer> {
    let held: Buffer | null = null;
    try {
      for await (const chunk of opened.chunks) {
        if (held) yield held;
        held = chunk;
      }
      await opened.checkUnchanged();
    } catch (error) {
      localFailure =
        error instanceof AppError
          ? error
          : new AppError('FILE_UNREADABLE', `The file could not be read: ${String(error)}`);
      throw localFailure;
    }
    if (held) yield held;
  }
  try {
    const envelope = await zone.upload(
      clientId,
      'evidence.importFiles',
      { ...target, originalName: file.originalName, expectedSize: file.size },
      Readable.from(checkedBytes(file), { objectMode: false }),
    );
    // The upload was cut short here, so the server's answer (a broken connection) is not the reason.
    if (localFailure) return failure(localFailure);
    return envelope as Envelope<ImportOutput>;
  } finally {
    await file.close();
  }
}

function failure(error: unknown): Envelope<never> {
  if (error instanceof AppError) return { ok: false, error: error.toApiError() };
  return { ok: false, error: { code: 'FILE_UNREADABLE', message: String(error) } };
}
