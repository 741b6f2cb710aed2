import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Summary } from './statistics';

/**
 * Issue 14 asks the standalone figures to be "no worse than today": today was the code before the
 * store layer (its parent commit, below). Figures taken on another day do not tell, on a machine
 * whose p99 moves by half from one run to the next: that code runs here, in the same run, through
 * the same procedure, from a copy of the commit beside the bench (bench/pinned/before-store-layer.mjs).
 */
export const BEFORE_STORE_LAYER = {
  commit: '8d1e92966c2771bc1a3427aa8652ef8c68015003',
  short: '8d1e929',
};

export type BeforeStoreLayer = { dir: string } | { unavailable: string };

/**
 * A copy of that commit with its own dependencies, made once (`git archive`, then `npm ci`) and
 * kept in the user's cache; the repository itself is not touched. Unavailable, with the reason,
 * where the clone has no such commit (a shallow one) or its dependencies cannot be installed.
 */
export function prepareBeforeStoreLayer(root: string): BeforeStoreLayer {
  const { commit, short } = BEFORE_STORE_LAYER;
  const dir = path.join(os.homedir(), '.cache', 'hearing-desk', 'bench', `before-store-layer-${short}`);
  const ready = path.join(dir, '.ready');
  try {
    if (!fs.existsSync(ready)) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      const archive = spawnSync('git', ['-C', root, 'archive', '--format=tar', commit], {
        maxBuffer: 512 * 1024 * 1024,
      });
      if (archive.status !== 0)
        return { unavailable: `git archive ${short} failed (a shallow clone?): ${String(archive.stderr).trim()}` };
      execFileSync('tar', ['-x', '-C', dir], { input: archive.stdout });
      execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'ignore' });
      fs.writeFileSync(ready, `${commit}\n`);
    }
    fs.copyFileSync(
      path.join(root, 'bench', 'pinned', 'before-store-layer.mjs'),
      path.join(dir, 'bench', 'before-store-layer.mjs'),
    );
    return { dir };
  } catch (error) {
    return { unavailable: `the copy of ${short} could not be prepared: ${(error as Error).message}` };
  }
}

/** Its save round trips (ms, the first 50 left out as in benchSaves), in a process of its own. */
export function beforeStoreLayerSaves(dir: string): number[] {
  return (run(dir, 'save') as { save: number[] }).save;
}

/** Its supervisor's queue and its export of every hearing, on that commit's own seeded database. */
export function beforeStoreLayerQueueAndExport(dir: string): {
  queue: Summary & { items: number };
  exportAll: Summary;
} {
  return run(dir, 'queue') as { queue: Summary & { items: number }; exportAll: Summary };
}

function run(dir: string, what: 'save' | 'queue'): unknown {
  // The same Node as this bench; tsx from the copy's own dependencies loads its TypeScript.
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join('bench', 'before-store-layer.mjs'), what],
    // Its stderr only in the error of a run that failed: that commit's statistics bench removes its
    // folder under the audit seal's last write, and says so (harmless, fixed since).
    { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return JSON.parse(output.trim().split('\n').at(-1)!);
}
