import { documentFileName } from '../../domain/document-kinds';
import type { ChannelInput, ChannelOutput, Envelope } from '../api/contract';
import { API_CHANNELS } from '../api/domains';
import { uploadChosenFile } from '../zone/chosen-file-upload';
import type { ZoneDispatcher } from '../zone/zone-dispatcher';

/**
 * The Electron app as a workstation of a zone (zone.md): every call goes to the zone server
 * through the zone dispatcher, except the few that need this computer, which the server cannot
 * reach. The renderer and the contract do not change: the same channels, the same envelopes.
 *
 * - `evidence.importFiles`: the file dialog is this computer's. The server checks the session,
 *   the role and the item first (the channel answers FILE_DIALOG_UNAVAILABLE only once those
 *   pass); then this computer's dialog opens and each chosen file streams to the server's upload,
 *   one after the other, each kept whole or not at all, as in the standalone app.
 * - documents: the server renders, checks and archives every PDF (one rendering path, zone.md);
 *   the workstation prints or saves exactly the archived bytes, never a rendering of its own, so
 *   the paper she receives is the PDF whose SHA-256 is in the archive.
 * (The Android phone check's first steps are refused by the zone dispatcher itself, for every
 * kind of workstation: PHONE_CHECK_NOT_IN_ZONE.)
 */
export interface ZoneWorkstationDeps {
  zone: Pick<ZoneDispatcher, 'dispatch' | 'upload'>;
  /** This computer's evidence dialog (file-chooser.ts): the paths chosen, none when cancelled. */
  chooseFiles(clientId: string): Promise<string[]>;
  /** The system print dialog for these very PDF bytes; false when cancelled. */
  printPdf(pdf: Buffer, clientId: string): Promise<boolean>;
  /** The system save dialog for these very PDF bytes; false when cancelled. */
  savePdf(pdf: Buffer, suggestedName: string, clientId: string): Promise<boolean>;
  log(message: string, error?: unknown): void;
}

type Intercepted = (clientId: string, input: unknown) => Promise<Envelope<unknown>>;

export function createZoneWorkstation(deps: ZoneWorkstationDeps): Pick<ZoneDispatcher, 'dispatch'> {
  const { zone } = deps;

  async function importFiles(clientId: string, rawInput: unknown): Promise<Envelope<unknown>> {
    const parsed = API_CHANNELS['evidence.importFiles'].input.safeParse(rawInput);
    if (!parsed.success) return zone.dispatch(clientId, 'evidence.importFiles', rawInput);
    const target = parsed.data;
    // The server answers the checks it would make before its own dialog; only then does ours open.
    const checked = await zone.dispatch(clientId, 'evidence.importFiles', target);
    if (checked.ok || checked.error.code !== 'FILE_DIALOG_UNAVAILABLE') return checked;
    const files: ChannelOutput<'evidence.importFiles'>['files'] = [];
    for (const filePath of await deps.chooseFiles(clientId)) {
      const uploaded = await uploadChosenFile(zone, clientId, target, filePath);
      // As in the standalone app: the files before it stay imported, the officer sees why this one was not.
      if (!uploaded.ok) return uploaded;
      files.push(...uploaded.value.files);
    }
    return { ok: true, value: { files } };
  }

  async function createDocument(clientId: string, rawInput: unknown): Promise<Envelope<unknown>> {
    const parsed = API_CHANNELS['documents.create'].input.safeParse(rawInput);
    if (!parsed.success || parsed.data.output !== 'printer')
      return zone.dispatch(clientId, 'documents.create', rawInput);
    // The server has no printer of ours: it makes and archives the PDF, and this computer prints it.
    const input: ChannelInput<'documents.create'> = { ...parsed.data, output: 'pdf' };
    const made = (await zone.dispatch(clientId, 'documents.create', input)) as Envelope<
      ChannelOutput<'documents.create'>
    >;
    if (!made.ok || !made.value.document || !made.value.pdfBase64) return made;
    const { document, pdfBase64 } = made.value;
    // Archived already: a cancelled print dialog leaves it in the archive, to print or save later.
    const printed = await local('print', () => deps.printPdf(Buffer.from(pdfBase64, 'base64'), clientId));
    if (!printed.ok) return printed;
    return { ok: true, value: { document, pdfBase64: null } };
  }

  async function saveDocument(clientId: string, rawInput: unknown): Promise<Envelope<unknown>> {
    const parsed = API_CHANNELS['documents.save'].input.safeParse(rawInput);
    if (!parsed.success) return zone.dispatch(clientId, 'documents.save', rawInput);
    // The archived bytes, as the server keeps them (its opening audited there), saved here.
    const downloaded = (await zone.dispatch(clientId, 'documents.download', parsed.data)) as Envelope<
      ChannelOutput<'documents.download'>
    >;
    if (!downloaded.ok) return downloaded;
    const { document, pdfBase64 } = downloaded.value;
    const name = documentFileName(document, document.hearingId.slice(0, 8));
    const saved = await local('save', () => deps.savePdf(Buffer.from(pdfBase64, 'base64'), name, clientId));
    return saved.ok ? { ok: true, value: { saved: saved.value } } : saved;
  }

  /** A dialog of this computer that failed: said as such, never thrown into the IPC layer. */
  async function local<T>(what: string, work: () => Promise<T>): Promise<Envelope<T>> {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      deps.log(`The document could not be ${what === 'print' ? 'printed' : 'saved'} on this computer`, error);
      return { ok: false, error: { code: 'PRINTING_UNAVAILABLE', message: `The ${what} dialog failed` } };
    }
  }

  const intercepted = new Map<string, Intercepted>([
    ['evidence.importFiles', importFiles],
    ['documents.create', createDocument],
    ['documents.save', saveDocument],
  ]);

  return {
    dispatch(clientId, channel, input) {
      const handler = typeof channel === 'string' ? intercepted.get(channel) : undefined;
      return handler ? handler(clientId, input) : zone.dispatch(clientId, channel, input);
    },
  };
}
