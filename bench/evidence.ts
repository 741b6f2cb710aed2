/**
 * The evidence import (issue #4, report): a 2 GB file of random bytes imported through the real
 * pipeline (dispatcher, evidence service, streaming SHA-256 + AES-256-GCM store, fsync, rename,
 * database row), timed against `sha256sum` on the same file in the same run, and the peak memory
 * of the importing process.
 *
 * The account the child signs in with has a cheap password hash: at the production scrypt cost,
 * signing in alone leaves the process 128 MiB larger, which is not the import's doing.
 *
 * The import runs in a child process (this file, started again with HD_EVIDENCE_BENCH_CHILD), so
 * that its peak resident memory (VmHWM) is the import's own and not the benchmark's. It runs twice:
 * with the evidence store on the data disk (what an officer gets: the time includes writing 2 GB
 * durably), and on a RAM file system (/dev/shm) where fsync costs nothing, which isolates the
 * pipeline itself (read, hash, encrypt, write) from the disk.
 */
import { execFileSync, spawn } from 'node:child_process';
import { buildSync } from 'esbuild';
import { randomBytes, randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppCore, repositoryAssets } from '../src-main/app-core';
import { parseConfig } from '../src-main/config';
import { hashPassword } from '../src-main/services/passwords';

const MiB = 1024 * 1024;
const DEFAULT_BYTES = 2 * 1024 * MiB;
const OFFICER = {
  username: 'bench.evidence',
  displayName: 'Bench Evidence',
  password: 'bench evidence passphrase',
  role: 'officer' as const,
};

interface ChildJob {
  /** Extra options for the child's Node (a V8 setting), none normally. */
  nodeArgs?: string[];
  /** The repository, for the migrations: the child runs from a bundle elsewhere. */
  root: string;
  dataDir: string;
  keyHex: string;
  file: string;
  hearingId: string;
  itemId: string;
}

interface ChildResult {
  importMs: number;
  sha256: string;
  size: number;
  /** Peak resident memory of the whole importing process (VmHWM) up to the import, and at its end. */
  peakRssBeforeBytes: number;
  peakRssBytes: number;
  /** Resident memory just before the import, and the largest it reached during the import (null where the peak cannot be reset). */
  rssBeforeImportBytes: number;
  peakRssDuringImportBytes: number | null;
}

export interface EvidenceImportRun {
  store: string;
  storeDir: string;
  importMs: number;
  importMBps: number;
  /** sha256sum time / import time: above 1, the import is faster than sha256sum alone. */
  ratio: number;
  /** The importing process's peak resident memory over its whole life (VmHWM). */
  peakRssBytes: number;
  /** Its peak once started, the database open and the officer signed in, before the import. */
  peakRssBeforeImportBytes: number;
  /** Resident just before the import, the peak during the import, and the difference: the import's own. */
  rssBeforeImportBytes: number;
  peakRssDuringImportBytes: number | null;
  importAddedBytes: number | null;
  nodeArgs: string[];
  sha256MatchesSha256sum: boolean;
}

export interface EvidenceBench {
  fileBytes: number;
  sha256sumMs: number;
  sha256sumMBps: number;
  runs: EvidenceImportRun[];
  targets: { ratio: number; peakRssBytes: number };
}

const mbps = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);

/** Random bytes, written in 16 MB pieces from one reused buffer (creating them is not what is measured). */
function writeRandomFile(file: string, bytes: number): void {
  const buffer = Buffer.allocUnsafe(16 * MiB);
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    for (let written = 0; written < bytes;) {
      const n = Math.min(buffer.length, bytes - written);
      randomFillSync(buffer, 0, n);
      fs.writeSync(fd, buffer, 0, n);
      written += n;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** An installation with one officer, one hearing and one item, ready for the child to import into. */
async function prepareDataDir(root: string, dataDir: string): Promise<Omit<ChildJob, 'file'>> {
  const key = randomBytes(32);
  const core = await createAppCore({
    dataDir,
    key,
    migrationsFolder: path.join(root, 'migrations', 'sqlite'),
    assets: repositoryAssets(root),
    config: parseConfig({}),
  });
  try {
    const call = async (client: string, channel: Parameters<typeof core.dispatcher.call>[1], input: object) => {
      const result = await core.dispatcher.call(client, channel, input as never);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
      return result.value as never;
    };
    await call('admin', 'setup.createAdministrator', {
      username: 'bench.admin',
      displayName: 'Bench Admin',
      password: 'bench admin passphrase',
    });
    const { unit } = (await call('admin', 'units.save', { name: 'Bench unit' })) as { unit: { id: string } };
    await call('admin', 'users.create', { ...OFFICER, unitId: unit.id });
    // Signing in at the production scrypt cost takes 128 MiB for a moment, which the process keeps
    // (the allocator does not hand it back): the bench account gets a cheap hash, so that the peak
    // measured is the import's and not the sign-in's. Her first sign-in's change of the password
    // the administrator gave is taken as done here too (accounts.test.ts covers it).
    core
      .database!.sqlite.prepare('UPDATE users SET password_hash = ?, must_change_password = 0 WHERE username = ?')
      .run(await hashPassword(OFFICER.password, { N: 2 ** 10, r: 8, p: 1 }), OFFICER.username);
    await call('bench', 'session.login', { username: OFFICER.username, password: OFFICER.password });
    const { hearing } = (await call('bench', 'hearings.create', {})) as { hearing: { id: string } };
    const { item } = (await call('bench', 'evidence.save', {
      hearingId: hearing.id,
      item: {
        type: 'file',
        description: 'Benchmark video (random bytes)',
        sensitivity: 'none',
        captureMethod: 'bench',
        relatedPrompts: [],
      },
    })) as { item: { id: string } };
    return { root, dataDir, keyHex: key.toString('hex'), hearingId: hearing.id, itemId: item.id };
  } finally {
    await core.close();
  }
}

let bundled: string | null = null;
function bundleChild(root: string): string {
  if (bundled) return bundled;
  const outfile = path.join(root, '.vite', 'bench', 'evidence-child.mjs');
  buildSync({
    entryPoints: [path.join(root, 'bench', 'evidence.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    // Native and test-only packages stay where npm put them.
    external: ['better-sqlite3', 'playwright-core', 'electron'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  bundled = outfile;
  return outfile;
}

function runChild(root: string, job: ChildJob): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    // The child runs this file bundled into plain JavaScript, as the app's main process runs its
    // own bundle: under tsx, the TypeScript compiler alone would hold some 100 MB of the peak.
    const child = spawn(process.execPath, [...(job.nodeArgs ?? []), bundleChild(root)], {
      cwd: root,
      env: { ...process.env, HD_EVIDENCE_BENCH_CHILD: JSON.stringify(job) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) return reject(new Error(`The import child failed (${code}): ${out}`));
      resolve(JSON.parse(line) as ChildResult);
    });
  });
}

/** In the child: the Electron path (main's file dialog, here answering with the file) through the real dispatcher. */
async function childMain(job: ChildJob): Promise<void> {
  const core = await createAppCore({
    dataDir: job.dataDir,
    key: Buffer.from(job.keyHex, 'hex'),
    migrationsFolder: path.join(job.root, 'migrations', 'sqlite'),
    assets: repositoryAssets(job.root),
    config: parseConfig({}),
    chooseFiles: async () => [job.file],
  });
  try {
    const login = await core.dispatcher.call('bench', 'session.login', {
      username: OFFICER.username,
      password: OFFICER.password,
    });
    if (!login.ok) throw new Error(login.error.code);
    const peakRssBeforeBytes = peakRss();
    // Linux: the peak is reset to the current resident size, so the one read at the end is the
    // import's (on top of all the process holds), not start-up's.
    const reset = resetPeakRss();
    const rssBeforeImportBytes = residentRss();
    const start = performance.now();
    const result = await core.dispatcher.call('bench', 'evidence.importFiles', {
      hearingId: job.hearingId,
      itemId: job.itemId,
    });
    const importMs = performance.now() - start;
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    const file = result.value.files[0]!;
    const peakRssDuringImportBytes = reset ? peakRss() : null;
    const summary: ChildResult = {
      importMs,
      sha256: file.sha256,
      size: file.size,
      peakRssBeforeBytes,
      peakRssBytes: Math.max(peakRssBeforeBytes, peakRss(), process.resourceUsage().maxRSS * 1024),
      rssBeforeImportBytes,
      peakRssDuringImportBytes,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await core.close();
  }
}

function resetPeakRss(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function residentRss(): number {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux.
  }
  return process.memoryUsage().rss;
}

/** VmHWM: the largest resident set the process has had (Linux); elsewhere the OS's maxRSS. */
function peakRss(): number {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS * 1024;
}

export async function benchEvidence(
  root: string,
  bytes = Number(process.env.HD_BENCH_EVIDENCE_BYTES ?? DEFAULT_BYTES),
): Promise<EvidenceBench> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-bench-evidence-'));
  const stores: { store: string; base: string; nodeArgs?: string[] }[] = [{ store: 'data disk (fsync)', base: work }];
  const ram = fs.existsSync('/dev/shm') ? fs.mkdtempSync(path.join('/dev/shm', 'hd-bench-evidence-')) : null;
  if (ram) {
    stores.push({ store: 'RAM file system (/dev/shm)', base: ram });
  }
  try {
    const file = path.join(work, 'video.bin');
    writeRandomFile(file, bytes);
    // Both read the file from the page cache: the first pass of sha256sum warms it.
    execFileSync('sha256sum', [file]);
    const start = performance.now();
    const expected = execFileSync('sha256sum', [file]).toString().split(/\s+/)[0]!;
    const sha256sumMs = performance.now() - start;

    const runs: EvidenceImportRun[] = [];
    for (const { store, base, nodeArgs } of stores) {
      const dataDir = path.join(base, 'data');
      const job: ChildJob = { ...(await prepareDataDir(root, dataDir)), file, ...(nodeArgs ? { nodeArgs } : {}) };
      const child = await runChild(root, job);
      runs.push({
        store,
        storeDir: path.join(dataDir, 'evidence'),
        importMs: child.importMs,
        importMBps: mbps(bytes, child.importMs),
        ratio: sha256sumMs / child.importMs,
        peakRssBytes: child.peakRssBytes,
        peakRssBeforeImportBytes: child.peakRssBeforeBytes,
        rssBeforeImportBytes: child.rssBeforeImportBytes,
        peakRssDuringImportBytes: child.peakRssDuringImportBytes,
        importAddedBytes:
          child.peakRssDuringImportBytes === null ? null : child.peakRssDuringImportBytes - child.rssBeforeImportBytes,
        nodeArgs: nodeArgs ?? [],
        sha256MatchesSha256sum: child.sha256 === expected && child.size === bytes,
      });
      // The encrypted copy is as large as the file: gone before the next run.
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    return {
      fileBytes: bytes,
      sha256sumMs,
      sha256sumMBps: mbps(bytes, sha256sumMs),
      runs,
      targets: { ratio: 0.8, peakRssBytes: 150 * MiB },
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    if (ram) fs.rmSync(ram, { recursive: true, force: true });
  }
}

/** The lines `npm run bench` prints, in its format. */
export function evidenceLines(result: EvidenceBench): string[] {
  const mb = (b: number) => `${(b / MiB).toFixed(1)} MB`;
  const lines = [
    `${`sha256sum, ${(result.fileBytes / MiB).toFixed(0)} MB file (page cache)`.padEnd(50)} ${result.sha256sumMBps.toFixed(0).padStart(6)} MB/s   (${(result.sha256sumMs / 1000).toFixed(2)} s)`,
  ];
  for (const run of result.runs) {
    const ratioMet = run.ratio >= result.targets.ratio;
    const memoryMet = run.peakRssBytes < result.targets.peakRssBytes;
    const during =
      run.peakRssDuringImportBytes === null
        ? ''
        : `, during the import ${mb(run.peakRssDuringImportBytes)} = ${mb(run.rssBeforeImportBytes)} before + ${mb(run.importAddedBytes ?? 0)}`;
    lines.push(
      `${`evidence import, ${run.store}`.padEnd(50)} ${run.importMBps.toFixed(0).padStart(6)} MB/s   (${(run.importMs / 1000).toFixed(2)} s)   ratio ${run.ratio.toFixed(2)}${ratioMet ? '' : ' (BELOW 0.8)'}   peak RSS ${mb(run.peakRssBytes)}${memoryMet ? '' : ' (ABOVE 150 MB)'}${during}   ${run.sha256MatchesSha256sum ? 'SHA-256 = sha256sum' : 'SHA-256 MISMATCH'}`,
    );
  }
  return lines;
}

if (process.env.HD_EVIDENCE_BENCH_CHILD) {
  await childMain(JSON.parse(process.env.HD_EVIDENCE_BENCH_CHILD) as ChildJob);
} else if (import.meta.filename === process.argv[1]) {
  // `npx tsx bench/evidence.ts`: this measurement alone.
  for (const line of evidenceLines(await benchEvidence(path.resolve(import.meta.dirname, '..')))) console.log(line);
}
