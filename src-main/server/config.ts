import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { z } from 'zod';
import { appConfigSchema, ConfigError } from '../config';
import { readKeyFile } from '../security/key-file';

/**
 * `hearing-desk-server`'s one configuration file (zone.md, "The server"). Paths are read relative
 * to the file's folder; the database URLs may come from the environment instead, so that no
 * password needs to sit in the file (`HEARING_DESK_DATABASE_URL`, `HEARING_DESK_MIGRATION_URL`).
 */
export const serverConfigSchema = z
  .object({
    /** Where workstations connect: HTTPS with mutual TLS only. */
    listen: z
      .object({ host: z.string().min(1).default('0.0.0.0'), port: z.number().int().min(0).max(65535).default(8443) })
      .strict()
      .default({ host: '0.0.0.0', port: 8443 }),
    /**
     * A load balancer's health check, on a port of its own in plain HTTP, answering only
     * `GET /health` (no data, no API): a TCP balancer holds no workstation certificate.
     */
    health: z
      .object({ host: z.string().min(1).default('127.0.0.1'), port: z.number().int().min(0).max(65535) })
      .strict()
      .optional(),
    database: z
      .object({
        /** A login role that is a member of hearing_desk_app (owns nothing; row-level security applies). */
        url: z.string().min(1).optional(),
        /** The tables' owner, for `hearing-desk-server migrate` only. */
        migrationUrl: z.string().min(1).optional(),
        poolSize: z.number().int().min(1).max(200).default(20),
      })
      .strict()
      .default({ poolSize: 20 }),
    tls: z
      .object({
        /** The server's certificate and key, issued by the zone CA (`hearing-desk-server cert server`). */
        certificate: z.string().min(1),
        key: z.string().min(1),
        /** The zone CA: the only issuer whose workstation certificates are accepted. */
        ca: z.string().min(1),
        /** The zone CA's revocation list, read again when the file changes. */
        crl: z.string().min(1),
      })
      .strict(),
    /**
     * The server's own folder: the encrypted evidence files, the audit seal and the phone check's
     * imported indicators. Every instance of a zone points at the same folder (a shared volume).
     */
    dataDir: z.string().min(1),
    /**
     * The zone's secret (64 hexadecimal characters, `hearing-desk-server key create`): the audit
     * chain's HMAC key and the evidence files' key derive from it. Every instance holds the same.
     */
    keyFile: z.string().min(1),
    /** Chromium for the documents the server prints (Debian's `chromium`). */
    chromium: z.string().min(1).default('/usr/bin/chromium'),
    /**
     * The zone's settings, as `config.json` holds them for a standalone workstation; not `zone`,
     * which only a workstation has (the server it works on).
     */
    app: appConfigSchema.omit({ zone: true }).default(appConfigSchema.parse({})),
  })
  .strict();

export type ServerConfig = z.output<typeof serverConfigSchema> & {
  database: { url: string; migrationUrl?: string; poolSize: number };
};

/** Reads, checks and resolves the file; a problem names the setting, and nothing has started. */
export function loadServerConfig(file: string, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read the server configuration ${file}: ${(error as Error).message}`);
  }
  const parsed = serverConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`Invalid server configuration ${file}: ${z.prettifyError(parsed.error)}`);
  const config = parsed.data;
  const base = path.dirname(path.resolve(file));
  const resolve = (p: string) => path.resolve(base, p);
  const url = env.HEARING_DESK_DATABASE_URL ?? config.database.url;
  if (!url) {
    throw new ConfigError(
      `Invalid server configuration ${file}: database.url (or HEARING_DESK_DATABASE_URL) is required`,
    );
  }
  const migrationUrl = env.HEARING_DESK_MIGRATION_URL ?? config.database.migrationUrl;
  return {
    ...config,
    database: { ...config.database, url, ...(migrationUrl ? { migrationUrl } : {}) },
    tls: {
      certificate: resolve(config.tls.certificate),
      key: resolve(config.tls.key),
      ca: resolve(config.tls.ca),
      crl: resolve(config.tls.crl),
    },
    dataDir: resolve(config.dataDir),
    keyFile: resolve(config.keyFile),
  };
}

/** The zone's secret from its file: 32 bytes as hexadecimal text, readable by the server's account only. */
export function readZoneKey(file: string): Buffer {
  return readKeyFile(file, 'the zone key');
}

/**
 * node-postgres settings from a `postgresql://user:password@host:port/database` address (a
 * socket folder as `?host=/run/postgresql`), for what needs them apart: `pg_dump` before a
 * migration takes the password from its environment, never from its command line.
 */
export function pgConnectionOf(url: string): pg.ClientConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('The database address is not a postgresql:// URL');
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:')
    throw new ConfigError('The database address is not a postgresql:// URL');
  const host = parsed.searchParams.get('host') ?? parsed.hostname;
  return {
    ...(host ? { host } : {}),
    ...(parsed.port ? { port: Number(parsed.port) } : {}),
    ...(parsed.username ? { user: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.pathname.length > 1 ? { database: decodeURIComponent(parsed.pathname.slice(1)) } : {}),
  };
}
