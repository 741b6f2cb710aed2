import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHELL = path.join('src-main', 'electron');

function sources(...dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|tsx|js|mjs|cjs)$/.test(f))
      .map((f) => path.join(dir, f)),
  );
}

const IMPORTS_ELECTRON = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]electron(?:\/[^'"]*)?['"]/;

describe('architecture', () => {
  it('lets only the shell folder import electron', () => {
    const all = sources('src-main', 'src-renderer', 'forms', 'domain', 'test', 'bench');
    const offenders = all.filter(
      (file) =>
        !file.startsWith(SHELL + path.sep) && IMPORTS_ELECTRON.test(fs.readFileSync(path.join(ROOT, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
    // The rule is not vacuous: the shell does import it.
    expect(
      all.some(
        (file) =>
          file.startsWith(SHELL + path.sep) && IMPORTS_ELECTRON.test(fs.readFileSync(path.join(ROOT, file), 'utf8')),
      ),
    ).toBe(true);
  });

  it('lets the renderer take only types from src-main', () => {
    const offenders = sources('src-renderer').flatMap((file) =>
      [
        ...fs
          .readFileSync(path.join(ROOT, file), 'utf8')
          .matchAll(/^import\s+(?!type\b)[^;]*from\s+['"]([^'"]*src-main[^'"]*)['"]/gm),
      ].map((m) => `${file}: ${m[1]}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the renderer away from Node built-ins', () => {
    const offenders = sources('src-renderer', 'forms', 'domain').filter((file) =>
      /from\s+['"]node:/.test(fs.readFileSync(path.join(ROOT, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the shared layer (forms/, domain/) free of main and the renderer', () => {
    const offenders = sources('forms', 'domain').flatMap((file) =>
      [
        ...fs
          .readFileSync(path.join(ROOT, file), 'utf8')
          .matchAll(/from\s+['"]([^'"]*(?:src-main|src-renderer)[^'"]*)['"]/g),
      ].map((m) => `${file}: ${m[1]}`),
    );
    expect(offenders).toEqual([]);
  });
});
