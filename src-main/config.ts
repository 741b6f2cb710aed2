import fs from 'node:fs';
import { z } from 'zod';

/**
 * Which zone server a workstation works on (zone.md, "The workstation in zone mode"), the same
 * shape in the Electron app's `config.json` (`zone`) and in the browser host's `--zone` file:
 * the server's https address, the zone CA the workstation pins, and the workstation's certificate
 * and private key as zone IT placed them, paths relative to the file that names them. The Electron
 * app reads the key once, keeps it wrapped by the operating system and removes the file
 * (src-main/electron/zone-keys.ts); the browser host reads it in clear at each start.
 */
export const zoneConnectionSchema = z
  .object({
    server: z.string().refine(isZoneServerAddress, {
      error: 'must be the https:// address of the zone server (host and port, no path, no user or password)',
    }),
    caCertificate: z.string().min(1),
    certificate: z.string().min(1),
    key: z.string().min(1),
  })
  .strict();

export type ZoneConnectionSettings = z.output<typeof zoneConnectionSchema>;

function isZoneServerAddress(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === ''
  );
}

/**
 * Settings the zone's administrator may change in `config.json` beside the database. Missing
 * keys take the defaults; a malformed file stops the start with a message that names the key.
 */
export const appConfigSchema = z
  .object({
    /** The screen locks after this much inactivity in the interview room. */
    idleLockSeconds: z.number().int().min(30).max(3600).default(300),
    lockout: z
      .object({
        maxFailedAttempts: z.number().int().min(3).max(20).default(5),
        lockMinutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(15),
      })
      .strict()
      .default({ maxFailedAttempts: 5, lockMinutes: 15 }),
    passwordMinLength: z.number().int().min(8).max(128).default(12),
    /**
     * Art. 9 statistics: a count below this is not printed (nor one that would give it away).
     * At least 3, so no export can name a single case or a pair.
     */
    statisticsMinimumCount: z.number().int().min(3).max(100).default(5),
    /**
     * The initial length of a temporary ban from residence, shown to the officer beside the
     * decision. The sources disagree (10 or 14 days, risk-tool.md): the zone confirms its own.
     */
    residenceBanDays: z.number().int().min(1).max(90).default(10),
    /**
     * The translation of the main elements she asks for is due this many days after the request
     * (Art. 15 §3: "as soon as possible"); it shows as a follow-up until it is sent.
     */
    translationDueDays: z.number().int().min(1).max(60).default(7),
    /** Her children on her copy: their first names, or "your child" (victim-copy.md: zone policy). */
    victimCopyChildNames: z.enum(['firstNames', 'generic']).default('firstNames'),
    /** The officer's name beside the service number on her copy (victim-copy.md: only if the zone chooses). */
    victimCopyOfficerName: z.boolean().default(false),
    /**
     * The app's windows are left out of screenshots, screen sharing, recording and remote-desktop
     * capture (Windows and macOS; Linux offers no such protection), so a victim's file does not
     * travel to a shared or remote screen. `allowedForTraining` is for a zone that shows the app
     * on a projector or in a video call to train officers, on invented data.
     */
    screenCapture: z.enum(['blocked', 'allowedForTraining']).default('blocked'),
    /**
     * The adb server the phone check talks to (Google's `adb`, which listens on 127.0.0.1:5037).
     * Loopback only: the phone's data never crosses the network.
     */
    adbServer: z
      .object({
        host: z.enum(['127.0.0.1', '::1', 'localhost']).default('127.0.0.1'),
        port: z.number().int().min(1).max(65535).default(5037),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 5037 }),
    /**
     * Present: the Electron app is a workstation of a zone and keeps no database; every call goes
     * to this server (zone.md). Absent: the standalone app on its own encrypted database.
     */
    zone: zoneConnectionSchema.optional(),
  })
  .strict();

export type AppConfig = z.output<typeof appConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(raw: unknown): AppConfig {
  const result = appConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`Invalid configuration: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

export function loadConfig(file: string): AppConfig {
  if (!fs.existsSync(file)) return parseConfig({});
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${file} is not valid JSON (${(error as Error).message})`);
  }
  return parseConfig(raw);
}
