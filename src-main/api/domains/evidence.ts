import { z } from 'zod';
import { custodyEventSchema, EVIDENCE_LIMITS, evidenceItemSchema } from '../../../domain/evidence-rules';
import { AppError } from '../app-error';
import { defineChannel, defineDomain, HEARING_ROLES, unlocked } from '../channel';
import { custodyEventView, evidenceFileView, evidenceItemView, id, sha256Hex } from '../schemas';

/** The hearing's owner writes, a supervisor of its unit reads (checked by the service). */
const HEARING = unlocked(HEARING_ROLES);

/**
 * The browser host's upload (POST /api/evidence/upload): its body is the file itself, streamed;
 * these are the request's parameters, checked with the session as for any channel.
 */
export const evidenceUploadSchema = z
  .object({
    hearingId: id,
    itemId: id,
    originalName: z
      .string()
      .min(1)
      .max(4 * EVIDENCE_LIMITS.fileName),
    expectedSize: z.number().int().nonnegative(),
  })
  .strict();

/** The evidence register: items, their files (encrypted, hashed), their chain of custody. */
export const evidenceChannels = defineDomain('evidence', {
  'evidence.list': defineChannel({
    input: z.object({ hearingId: id }).strict(),
    output: z.object({
      access: z.enum(['owner', 'review']),
      hearingOpen: z.boolean(),
      items: z.array(evidenceItemView),
      /** Computed (and audited) at every listing: the JSON text and its SHA-256 for the report. */
      manifest: z.object({
        json: z.string(),
        sha256: sha256Hex,
        items: z.number().int().nonnegative(),
        files: z.number().int().nonnegative(),
      }),
    }),
    access: HEARING,
    handler: (input, { user, deps }) => deps.evidence.list(user, input.hearingId),
  }),
  'evidence.save': defineChannel({
    // A new item without itemId; a correction names the item and the revision it was read at.
    input: z
      .object({
        hearingId: id,
        itemId: id.optional(),
        revision: z.number().int().positive().optional(),
        item: evidenceItemSchema,
      })
      .strict()
      .refine((i) => (i.itemId === undefined) === (i.revision === undefined), {
        error: 'itemId and revision go together',
        path: ['revision'],
      }),
    output: z.object({ item: evidenceItemView }),
    access: HEARING,
    handler: (input, { user, deps }) => deps.evidence.save(user, input),
  }),
  'evidence.recordCustody': defineChannel({
    input: z.object({ hearingId: id, itemId: id, ...custodyEventSchema.shape }).strict(),
    output: z.object({ event: custodyEventView }),
    access: HEARING,
    handler: (input, { user, deps }) => deps.evidence.recordCustody(user, input),
  }),
  /**
   * Electron: main opens its own file dialog and imports what the officer chose (never a path
   * from here). The browser host: the page uploads the file the officer picked (`upload`).
   */
  'evidence.importFiles': defineChannel({
    input: z.object({ hearingId: id, itemId: id }).strict(),
    output: z.object({ files: z.array(evidenceFileView) }),
    access: HEARING,
    handler: async (input, { user, deps, clientId }) => {
      // Refused before the dialog opens: nothing to choose for an item that may not take files.
      // Checked first where there is no dialog too: a zone's workstation asks the server this way
      // before it opens its own dialog (src-main/electron/zone-workstation.ts), and then uploads.
      await deps.evidence.checkFileTarget(user, input.hearingId, input.itemId);
      if (!deps.chooseFiles)
        throw new AppError('FILE_DIALOG_UNAVAILABLE', 'This window takes files by upload (POST /api/evidence/upload)');
      const files = [];
      // One after the other, each imported whole or not at all.
      for (const filePath of await deps.chooseFiles(clientId))
        files.push(await deps.evidence.importPath(user, input, filePath));
      return { files };
    },
    upload: {
      input: evidenceUploadSchema,
      // Nobody else reads the body: each chunk's memory goes back once it is hashed and sealed.
      handler: async (input, source, { user, deps }) => ({
        files: [await deps.evidence.importStream(user, { ...input, releaseChunks: 'sole' }, source)],
      }),
    },
  }),
  'evidence.verifyFile': defineChannel({
    input: z.object({ hearingId: id, fileId: id }).strict(),
    output: z.object({
      fileId: id,
      ok: z.boolean(),
      problem: z.enum(['missing', 'altered']).nullable(),
      sha256: sha256Hex,
    }),
    access: HEARING,
    handler: (input, { user, deps }) => deps.evidence.verifyFile(user, input.hearingId, input.fileId),
  }),
});
