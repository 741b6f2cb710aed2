import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, zoneConnectionSchema } from '../config';
import type { ZoneConnection } from './zone-dispatcher';

/**
 * Which zone server a workstation works on (zone.md, "The workstation in zone mode"): its
 * address, the zone CA the workstation pins, and the workstation's own certificate and key, as
 * files beside the settings (paths relative to them). The browser host reads them with
 * `--zone FILE`; the key lies in clear there, like the browser host's database key.
 */
export const zoneSettingsSchema = zoneConnectionSchema;

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
  const files = readZoneFiles(parsed.data, path.dirname(path.resolve(file)), `Zone settings ${file}: `);
  let key: Buffer;
  try {
    key = fs.readFileSync(files.keyFile);
  } catch (error) {
    throw new ConfigError(`Zone settings ${file}: cannot read key ${files.keyFile}: ${(error as Error).message}`);
  }
  return { serverUrl: files.serverUrl, ca: files.ca, certificate: files.certificate, key };
}

/** A workstation's zone settings with its CA and certificate read, and where its key lies. */
export interface ZoneFiles {
  serverUrl: string;
  ca: Buffer;
  certificate: Buffer;
  /** The private key's file as zone IT placed it (absolute); how it is read is the host's. */
  keyFile: string;
}

/**
 * Reads the zone CA and the workstation's certificate named by the settings (paths relative to
 * `baseDir`), and checks that the certificate was issued by that CA: a file mixed up by IT is
 * named here, at start, rather than as a refused handshake later. `where` begins each message
 * (which file, which setting), so the officer's dialog names what to fix.
 */
export function readZoneFiles(settings: ZoneSettings, baseDir: string, where: string): ZoneFiles {
  const resolve = (name: 'caCertificate' | 'certificate' | 'key') => path.resolve(baseDir, settings[name]);
  const read = (name: 'caCertificate' | 'certificate') => {
    const target = resolve(name);
    try {
      return fs.readFileSync(target);
    } catch (error) {
      throw new ConfigError(`${where}cannot read ${name} ${target}: ${(error as Error).message}`);
    }
  };
  const certificateOf = (name: 'caCertificate' | 'certificate', pem: Buffer) => {
    try {
      return new X509Certificate(pem);
    } catch {
      throw new ConfigError(`${where}${name} ${resolve(name)} is not a PEM certificate`);
    }
  };
  const ca = read('caCertificate');
  const certificate = read('certificate');
  const caCertificate = certificateOf('caCertificate', ca);
  const workstation = certificateOf('certificate', certificate);
  if (!workstation.checkIssued(caCertificate) || !workstation.verify(caCertificate.publicKey)) {
    throw new ConfigError(
      `${where}certificate ${resolve('certificate')} was not issued by the zone CA caCertificate ${resolve('caCertificate')}`,
    );
  }
  return { serverUrl: settings.server, ca, certificate, keyFile: resolve('key') };
}
