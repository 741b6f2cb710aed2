import fs from 'node:fs';
import path from 'node:path';
import { manifestOfFolder } from './migrations';

/**
 * `npm run db:manifest`, after `npm run db:generate` or after editing a custom migration: writes
 * migration-manifest.ts, the SHA-256 of each migration of both stores compiled into main. A unit
 * test fails while the manifest and migrations/ differ.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const listOf = (dialect: 'sqlite' | 'pg') =>
  manifestOfFolder(path.join(root, 'migrations', dialect))
    // As Prettier writes it, so that the check in npm test passes on the file as written.
    .map((e) => `  {\n    tag: '${e.tag}',\n    when: ${e.when},\n    sha256: '${e.sha256}',\n  },`)
    .join('\n');
const source = `// Written by \`npm run db:manifest\` from migrations/: do not edit by hand.
import type { MigrationManifestEntry } from './migrations';

/**
 * The migrations this build runs, with the SHA-256 of each file. Compiled into main (inside the
 * signed archive); the files in migrations/<dialect>/ are checked against it before any of them runs.
 */
export const MIGRATION_MANIFEST: readonly MigrationManifestEntry[] = [
${listOf('sqlite')}
];

/** The same for the zone's PostgreSQL (migrations/pg/). */
export const PG_MIGRATION_MANIFEST: readonly MigrationManifestEntry[] = [
${listOf('pg')}
];
`;
fs.writeFileSync(path.join(import.meta.dirname, 'migration-manifest.ts'), source);
console.log('migration-manifest.ts written');
