import fs from 'node:fs';
import path from 'node:path';
import { manifestOfFolder } from './migrations';

/**
 * `npm run db:manifest`, after `npm run db:generate` or after editing a custom migration: writes
 * migration-manifest.ts, the SHA-256 of each migration compiled into main. A unit test fails
 * while the manifest and migrations/ differ.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const entries = manifestOfFolder(path.join(root, 'migrations'));
const lines = entries.map((e) => `  { tag: '${e.tag}', when: ${e.when}, sha256: '${e.sha256}' },`);
const source = `// Written by \`npm run db:manifest\` from migrations/: do not edit by hand.
import type { MigrationManifestEntry } from './migrations';

/**
 * The migrations this build runs, with the SHA-256 of each file. Compiled into main (inside the
 * signed archive); the files in migrations/ are checked against it before any of them runs.
 */
export const MIGRATION_MANIFEST: readonly MigrationManifestEntry[] = [
${lines.join('\n')}
];
`;
fs.writeFileSync(path.join(import.meta.dirname, 'migration-manifest.ts'), source);
console.log(`migration-manifest.ts: ${entries.length} migrations`);
