import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SHIPPED_INDICATOR_MANIFEST_SHA256 } from './shipped-bundle';
import { parseYamlSubset, YamlSubsetError } from './yaml-subset';

/**
 * The stalkerware indicators (Echap, CC BY 4.0) as the phone check reads them: a folder with
 * `manifest.json` (upstream commit, date, each file's SHA-256 and size) and the pinned files.
 *
 * Loading checks every file against the manifest before reading it, then validates the content
 * with the Echap linter's rules (unique names, lists where lists are due, SHA-1 certificates as
 * 40 upper-case hex, unknown keys rejected) and samples.csv's columns. Whatever is wrong comes
 * back as a refusal (a code and its details): nothing here throws, so a bad bundle leaves the
 * rest of the app working and the phone check says why it cannot run.
 */

export const INDICATOR_FILES = ['ioc.yaml', 'watchware.yaml', 'samples.csv', 'NOTICE.md', 'LICENSE.txt'] as const;
export type IndicatorFileName = (typeof INDICATOR_FILES)[number];
export const MANIFEST_FILE = 'manifest.json';

/** Larger than any file of the bundle will plausibly grow; a bigger one is refused unread. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const CERT_SHA1 = /^[A-F0-9]{40}$/;

const manifestSchema = z.strictObject({
  format: z.literal(1),
  source: z.string().min(1),
  branch: z.string().min(1),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  date: z.iso.datetime(),
  licence: z.string().min(1),
  licenceCommit: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .optional(),
  attribution: z.string().min(1),
  note: z.string().optional(),
  files: z.record(
    z.string(),
    z.strictObject({ sha256: z.string().regex(SHA256_HEX), bytes: z.number().int().nonnegative() }),
  ),
});
export type IndicatorManifest = z.infer<typeof manifestSchema>;

const list = z.array(z.string().min(1));
const c2Schema = z.strictObject({ domains: list.optional(), ips: list.optional(), ip: list.optional() });
const entrySchema = z.strictObject({
  name: z.string().min(1),
  names: list.optional(),
  type: z.enum(['stalkerware', 'watchware']),
  packages: list.optional(),
  ios_bundles: list.optional(),
  certificates: z.array(z.string().regex(CERT_SHA1)).optional(),
  certificate_organizations: list.optional(),
  certificate_cname_re: list.optional(),
  websites: list.optional(),
  distribution: list.optional(),
  c2: c2Schema.optional(),
});
const entriesSchema = z.array(entrySchema).min(1);
type EchapEntry = z.infer<typeof entrySchema>;

export type IndicatorType = 'stalkerware' | 'watchware';

/** One application of the indicators (an entry of ioc.yaml or watchware.yaml). */
export interface IndicatorApp {
  name: string;
  /** Other names it is sold under. */
  aliases: string[];
  type: IndicatorType;
  /** The file it comes from. */
  file: 'ioc.yaml' | 'watchware.yaml';
  packages: string[];
  /** SHA-1 of the signing certificates, 40 upper-case hex. */
  certificates: string[];
}

export interface IndicatorSample {
  sha256: string;
  packageName: string | null;
  certificate: string | null;
  version: string | null;
  app: string;
}

export interface IndicatorBundle {
  commit: string;
  /** SHA-256 of manifest.json as read (which pins every other file). */
  manifestSha256: string;
  date: string;
  source: string;
  attribution: string;
  /** Each file of the manifest with its verified SHA-256 and size. */
  files: Record<string, { sha256: string; bytes: number }>;
  /** ioc.yaml's entries (types as the file gives them). */
  apps: IndicatorApp[];
  /** watchware.yaml's entries. */
  watchware: IndicatorApp[];
  samples: IndicatorSample[];
}

export type BundleRefusalCode =
  | 'manifest-missing'
  | 'manifest-invalid'
  | 'manifest-not-shipped'
  | 'file-missing'
  | 'file-not-listed'
  | 'file-too-large'
  | 'file-size-mismatch'
  | 'file-hash-mismatch'
  | 'yaml-invalid'
  | 'schema-invalid'
  | 'duplicate-name'
  | 'csv-invalid'
  | 'not-newer'
  | 'io-error';

export interface BundleRefusal {
  code: BundleRefusalCode;
  details: Record<string, string | number | string[]>;
}

export type BundleResult = { ok: true; bundle: IndicatorBundle } | { ok: false; refusal: BundleRefusal };

function refuse(code: BundleRefusalCode, details: BundleRefusal['details']): { ok: false; refusal: BundleRefusal } {
  return { ok: false, refusal: { code, details } };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function zodIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

function readVerified(
  dir: string,
  file: string,
  manifest: IndicatorManifest,
): { ok: true; bytes: Buffer } | { ok: false; refusal: BundleRefusal } {
  const expected = manifest.files[file];
  if (!expected) return refuse('file-not-listed', { file });
  const full = path.join(dir, file);
  let bytes: Buffer;
  try {
    const stat = fs.statSync(full);
    if (!stat.isFile()) return refuse('file-missing', { file });
    if (stat.size > MAX_FILE_BYTES) return refuse('file-too-large', { file, bytes: stat.size });
    bytes = fs.readFileSync(full);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return refuse('file-missing', { file });
    return refuse('io-error', { file, error: errorText(error) });
  }
  if (bytes.length !== expected.bytes)
    return refuse('file-size-mismatch', { file, expected: expected.bytes, actual: bytes.length });
  const actual = sha256(bytes);
  if (actual !== expected.sha256) return refuse('file-hash-mismatch', { file, expected: expected.sha256, actual });
  return { ok: true, bytes };
}

function parseEntries(
  file: 'ioc.yaml' | 'watchware.yaml',
  bytes: Buffer,
): { ok: true; apps: IndicatorApp[] } | { ok: false; refusal: BundleRefusal } {
  let raw: unknown;
  try {
    raw = parseYamlSubset(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    if (error instanceof YamlSubsetError)
      return refuse('yaml-invalid', { file, line: error.line, error: error.reason });
    return refuse('yaml-invalid', { file, error: errorText(error) });
  }
  const parsed = entriesSchema.safeParse(raw);
  if (!parsed.success) return refuse('schema-invalid', { file, issues: zodIssues(parsed.error) });
  const seen = new Set<string>();
  for (const entry of parsed.data) {
    if (seen.has(entry.name)) return refuse('duplicate-name', { file, name: entry.name });
    seen.add(entry.name);
  }
  return { ok: true, apps: parsed.data.map((entry: EchapEntry) => toApp(file, entry)) };
}

function toApp(file: 'ioc.yaml' | 'watchware.yaml', entry: EchapEntry): IndicatorApp {
  return {
    name: entry.name,
    aliases: (entry.names ?? []).filter((n) => n !== entry.name),
    type: entry.type,
    file,
    packages: [...new Set(entry.packages ?? [])],
    certificates: [...new Set(entry.certificates ?? [])],
  };
}

const SAMPLES_HEADER = 'SHA256,Package Name,Certificate,Version,App';
const PACKAGE_NAME = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

function parseSamples(bytes: Buffer): { ok: true; samples: IndicatorSample[] } | { ok: false; refusal: BundleRefusal } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    return refuse('csv-invalid', { file: 'samples.csv', error: errorText(error) });
  }
  const rows = text.split(/\r?\n/);
  if (rows.at(-1) === '') rows.pop();
  if (rows[0] !== SAMPLES_HEADER) return refuse('csv-invalid', { file: 'samples.csv', line: 1, error: 'header' });
  const samples: IndicatorSample[] = [];
  for (let i = 1; i < rows.length; i++) {
    const line = i + 1;
    const cells = rows[i]!.split(',');
    const bad = (error: string) => refuse('csv-invalid', { file: 'samples.csv', line, error });
    if (cells.length !== 5) return bad('expected 5 columns');
    const [hash, packageName, certificate, version, app] = cells as [string, string, string, string, string];
    if (!SHA256_HEX.test(hash)) return bad('SHA256');
    if (packageName !== '' && !PACKAGE_NAME.test(packageName)) return bad('Package Name');
    if (certificate !== '' && !CERT_SHA1.test(certificate)) return bad('Certificate');
    if (app.trim() === '') return bad('App');
    samples.push({
      sha256: hash,
      packageName: packageName || null,
      certificate: certificate || null,
      version: version || null,
      app,
    });
  }
  return { ok: true, samples };
}

/**
 * Loads and validates the bundle in `dir`. Never throws: any problem is a refusal with its code
 * and details (the file, the line, the expected and actual hash...).
 */
export interface LoadOptions {
  /** The manifest's SHA-256 compiled into main (the shipped bundle): any other manifest is refused. */
  manifestSha256?: string | undefined;
}

export function loadIndicatorBundle(dir: string, options: LoadOptions = {}): BundleResult {
  try {
    return loadUnchecked(dir, options);
  } catch (error) {
    return refuse('io-error', { error: errorText(error) });
  }
}

/** The bundle shipped with the app: its manifest must be the one whose SHA-256 main was built with. */
export function loadShippedIndicatorBundle(dir: string): BundleResult {
  return loadIndicatorBundle(dir, { manifestSha256: SHIPPED_INDICATOR_MANIFEST_SHA256 });
}

function loadUnchecked(dir: string, options: LoadOptions): BundleResult {
  let manifestBytes: Buffer;
  try {
    manifestBytes = fs.readFileSync(path.join(dir, MANIFEST_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return refuse('manifest-missing', { dir });
    return refuse('io-error', { file: MANIFEST_FILE, error: errorText(error) });
  }
  const manifestSha256 = sha256(manifestBytes);
  if (options.manifestSha256 !== undefined && manifestSha256 !== options.manifestSha256)
    return refuse('manifest-not-shipped', { expected: options.manifestSha256, actual: manifestSha256 });
  const manifestText = manifestBytes.toString('utf8');
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(manifestText);
  } catch (error) {
    return refuse('manifest-invalid', { error: errorText(error) });
  }
  const manifest = manifestSchema.safeParse(manifestJson);
  if (!manifest.success) return refuse('manifest-invalid', { issues: zodIssues(manifest.error) });
  const listed = Object.keys(manifest.data.files);
  const missing = INDICATOR_FILES.filter((f) => !listed.includes(f));
  if (missing.length > 0) return refuse('manifest-invalid', { missing });
  const unknown = listed.filter((f) => !(INDICATOR_FILES as readonly string[]).includes(f));
  if (unknown.length > 0) return refuse('manifest-invalid', { unknown });

  const bytes = {} as Record<IndicatorFileName, Buffer>;
  for (const file of INDICATOR_FILES) {
    const read = readVerified(dir, file, manifest.data);
    if (!read.ok) return read;
    bytes[file] = read.bytes;
  }
  const apps = parseEntries('ioc.yaml', bytes['ioc.yaml']);
  if (!apps.ok) return apps;
  const watchware = parseEntries('watchware.yaml', bytes['watchware.yaml']);
  if (!watchware.ok) return watchware;
  const samples = parseSamples(bytes['samples.csv']);
  if (!samples.ok) return samples;

  return {
    ok: true,
    bundle: {
      commit: manifest.data.commit,
      manifestSha256,
      date: manifest.data.date,
      source: manifest.data.source,
      attribution: manifest.data.attribution,
      files: Object.fromEntries(INDICATOR_FILES.map((f) => [f, { ...manifest.data.files[f]! }])),
      apps: apps.apps,
      watchware: watchware.apps,
      samples: samples.samples,
    },
  };
}

export interface ImportOptions {
  /** The bundle in use: an import must be strictly newer (its date), or it is refused. */
  current?: Pick<IndicatorBundle, 'commit' | 'date'> | undefined;
}

/**
 * Imports a newer bundle from `sourceDir` (an administrator's file, unpacked) into `targetDir`
 * (in the data folder, never over the shipped one). Checked against its own manifest only: the
 * signature §D8 asks of the central team is not built yet (see shipped-bundle.ts).
 * the source is validated as at start, its files copied to a temporary sibling folder, the copy
 * validated again (what was read is what was written), then swapped into place. The previous
 * bundle stays until the new one is complete; on any failure nothing in `targetDir` changes.
 */
export function importIndicatorBundle(sourceDir: string, targetDir: string, options: ImportOptions = {}): BundleResult {
  const source = loadIndicatorBundle(sourceDir);
  if (!source.ok) return source;
  if (options.current && !(Date.parse(source.bundle.date) > Date.parse(options.current.date)))
    return refuse('not-newer', {
      current: options.current.commit,
      currentDate: options.current.date,
      offered: source.bundle.commit,
      offeredDate: source.bundle.date,
    });
  const parent = path.dirname(path.resolve(targetDir));
  const staging = path.join(parent, `.indicators-import-${randomUUID()}`);
  const previous = path.join(parent, `.indicators-previous-${randomUUID()}`);
  try {
    fs.mkdirSync(staging, { recursive: true });
    for (const file of [MANIFEST_FILE, ...INDICATOR_FILES])
      fs.copyFileSync(path.join(sourceDir, file), path.join(staging, file));
    const copied = loadIndicatorBundle(staging);
    if (!copied.ok) {
      fs.rmSync(staging, { recursive: true, force: true });
      return copied;
    }
    const hadPrevious = fs.existsSync(targetDir);
    if (hadPrevious) fs.renameSync(targetDir, previous);
    try {
      fs.renameSync(staging, targetDir);
    } catch (error) {
      if (hadPrevious) fs.renameSync(previous, targetDir);
      throw error;
    }
    if (hadPrevious) fs.rmSync(previous, { recursive: true, force: true });
    return loadIndicatorBundle(targetDir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    return refuse('io-error', { error: errorText(error) });
  }
}
