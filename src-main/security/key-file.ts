import fs from 'node:fs';
import { ConfigError } from '../config';

/**
 * A 32-byte key kept as hexadecimal text in a file readable by this account only: the zone
 * server's secret, a standalone database's key for its import into a zone, the browser host's
 * keys (which lie in clear beside its data: no keyring wraps them there). `what` names the key in
 * the messages. The Electron shell never reads one: its keys are wrapped by the operating system.
 */
export function readKeyFile(file: string, what: string): Buffer {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new ConfigError(`${file} is readable by other accounts: chmod 600 it`);
    }
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`Cannot read ${what} ${file}: ${(error as Error).message}`);
  }
  if (!/^[0-9a-f]{64}$/i.test(text))
    throw new ConfigError(`${file} does not hold ${what} as a 32-byte key in hexadecimal`);
  return Buffer.from(text, 'hex');
}
