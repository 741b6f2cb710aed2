import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../config';
import type { ZoneConnection } from './zone-dispatcher';

/**
 * Which zone server a workstation works on (zone.md, "The workstation in zone mode"): its
 * address, the zone CA the workstation pins, and the workstation's own certificate and key, as
 * files beside the settings (paths relative to them). The browser host reads them with
 * `--zone FILE`; the key lies in clear there, like the browser host's database key.
 */
export const zoneSettingsSchema = z
  .object({
    server: z.url({ protocol: /^https$/ }),
    caCertificate: z.string().min(1),
    certificate: z.string().min(1),
    key: z.string().min(1),
  })
  .strict();

export type ZoneSettings = z.output<typeof zoneSettingsSchema>;

export function loadZoneConnection(file: string): ZoneConnection {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read the zone settings ${file}: ${(error as Error).message}`);
  }
  const parsed = zoneSettingsSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`Invalid zone settings ${file}: ${z.prettifyError(parsed.error)}`);
  const base = path.dirname(path.resolve(file));
  const read = (name: keyof ZoneSettings) => {
    const target = path.resolve(base, parsed.data[name]);
    try {
      return fs.readFileSync(target);
    } catch (error) {
      throw new ConfigError(`Zone settings ${file}: cannot read ${name} ${target}: ${(error as Error).message}`);
    }
  };
  return {
    serverUrl: parsed.data.server,
    ca: read('caCertificate'),
    certificate: read('certificate'),
    key: read('key'),
  };
}
