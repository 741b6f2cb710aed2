/**
 * Writes channel-names.ts: the names of the declared channels (src-main/api/domains/), for the
 * preload's allow-list, which must not load the schemas. Run after adding, renaming or removing
 * a channel: `npx tsx src-main/api/write-channel-names.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_CHANNELS } from './domains';

export const CHANNEL_NAMES_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'channel-names.ts');

/** The file's text, as Prettier writes it. */
export function channelNamesSource(): string {
  const names = Object.keys(API_CHANNELS).map((name) => `  '${name}',\n`);
  return [
    '// Written by src-main/api/write-channel-names.ts from the declarations in src-main/api/domains/: do not edit.\n',
    'export const CHANNEL_NAMES = [\n',
    ...names,
    '] as const;\n',
  ].join('');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(CHANNEL_NAMES_FILE, channelNamesSource());
  console.log(`Wrote ${Object.keys(API_CHANNELS).length} channel names to ${CHANNEL_NAMES_FILE}`);
}
