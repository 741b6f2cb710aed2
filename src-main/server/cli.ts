import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config';
import { migratePgDatabase, PgMigrationError } from '../db/pg-migrations';
import {
  CertificateError,
  createZoneCa,
  issueServerCertificate,
  issueWorkstationCertificate,
  listCertificates,
  renewCrl,
  revokeCertificate,
} from './certificates';
import { loadServerConfig, pgConnectionOf } from './config';
import { readKeyFile } from '../security/key-file';
import { describeImport, importStandaloneFolder, ImportRefusedError } from './import-standalone';
import { openZoneServer, PG_MIGRATIONS_FOLDER, ServerStartError } from './zone-server';

/**
 * `hearing-desk-server`: a zone's server and the commands its IT cell needs around it (the
 * README's "Run a zone server" section walks through them in order). Messages are for the zone's
 * IT staff, in English; nothing here prints a key or personal data.
 */
const USAGE = `Usage: hearing-desk-server <command> [options]

  start --config FILE                  serve the zone's workstations (mutual TLS)
  migrate --config FILE (--backup-confirmed-by NAME | --dump FILE)
                                       bring the database up to this version
  import --config FILE --from DIR --key-file FILE
                                       a standalone workstation's data folder joins the zone
                                       (its database key as 64 hexadecimal characters in FILE)
  key create --out FILE                the zone's secret (every instance holds the same)
  ca create --ca-dir DIR --zone NAME   the zone's own certificate authority
  cert server --ca-dir DIR --out DIR --name NAME --dns HOST[,HOST] [--ip ADDR[,ADDR]]
  cert workstation --ca-dir DIR --out DIR --name WORKSTATION
  cert revoke --ca-dir DIR (--cert FILE | --serial HEX)
  cert list --ca-dir DIR
  crl renew --ca-dir DIR [--days N]    before the list's next update, or every workstation is refused
`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: 'string' },
    out: { type: 'string' },
    'ca-dir': { type: 'string' },
    zone: { type: 'string' },
    name: { type: 'string' },
    dns: { type: 'string' },
    ip: { type: 'string' },
    cert: { type: 'string' },
    serial: { type: 'string' },
    days: { type: 'string' },
    'backup-confirmed-by': { type: 'string' },
    dump: { type: 'string' },
    from: { type: 'string' },
    'key-file': { type: 'string' },
    help: { type: 'boolean' },
  },
});

function required(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

class UsageError extends Error {}

/** `npm run server -- ...` runs from the package's folder: paths are the caller's, where npm was typed. */
const here = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

async function run(): Promise<number> {
  const [command, sub] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  switch (`${command}${sub ? ` ${sub}` : ''}`) {
    case 'start': {
      const running = await openZoneServer(loadServerConfig(here(required('config'))));
      const stop = () => void running.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return -1;
    }
    case 'migrate': {
      const config = loadServerConfig(here(required('config')));
      if (!config.database.migrationUrl)
        throw new UsageError('database.migrationUrl (or HEARING_DESK_MIGRATION_URL) is required to migrate');
      const confirmedBy = values['backup-confirmed-by'];
      const outcome = await migratePgDatabase({
        connection: pgConnectionOf(config.database.migrationUrl),
        migrationsFolder: PG_MIGRATIONS_FOLDER,
        ...(values.dump ? { backup: { kind: 'dump' as const, file: here(values.dump) } } : {}),
        ...(confirmedBy ? { backup: { kind: 'confirmed' as const, by: confirmedBy } } : {}),
      });
      process.stdout.write(
        outcome.applied.length === 0
          ? 'The database is up to date.\n'
          : `Applied ${outcome.applied.join(', ')}${outcome.dumpFile ? ` after a dump in ${outcome.dumpFile}` : ''}.\n`,
      );
      return 0;
    }
    case 'import': {
      const config = loadServerConfig(here(required('config')));
      const standaloneKey = readKeyFile(here(required('key-file')), 'the standalone database key');
      try {
        const summary = await importStandaloneFolder({ config, from: here(required('from')), standaloneKey });
        process.stdout.write(describeImport(summary));
      } finally {
        standaloneKey.fill(0);
      }
      return 0;
    }
    case 'key create': {
      const out = here(required('out'));
      // 'wx': a zone's secret is never replaced by mistake (its audit chain and evidence depend on it).
      fs.writeFileSync(out, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      process.stdout.write(
        `The zone key is in ${out} (readable by this account only). Keep a copy with the backups, apart from them.\n`,
      );
      return 0;
    }
    case 'ca create': {
      const created = await createZoneCa({ caDir: here(required('ca-dir')), zoneName: required('zone') });
      process.stdout.write(`Zone CA: ${created.certificate}\nRevocation list: ${created.crl}\n`);
      return 0;
    }
    case 'cert server': {
      const issued = await issueServerCertificate({
        caDir: here(required('ca-dir')),
        outDir: here(required('out')),
        name: required('name'),
        dnsNames: list(values.dns),
        ipAddresses: list(values.ip),
      });
      process.stdout.write(`Server certificate ${issued.serial}: ${issued.certificate}\nKey: ${issued.key}\n`);
      return 0;
    }
    case 'cert workstation': {
      const issued = await issueWorkstationCertificate({
        caDir: here(required('ca-dir')),
        outDir: here(required('out')),
        workstation: required('name'),
      });
      process.stdout.write(
        `Workstation certificate ${issued.serial} (valid until ${issued.notAfter.toISOString().slice(0, 10)}): ${issued.certificate}\nKey: ${issued.key}\n`,
      );
      return 0;
    }
    case 'cert revoke': {
      const revoked = await revokeCertificate({
        caDir: here(required('ca-dir')),
        ...(values.cert ? { certificate: here(values.cert) } : {}),
        ...(values.serial ? { serial: values.serial } : {}),
      });
      process.stdout.write(
        `Revoked. Copy ${revoked.crl} to every server instance (read within seconds, no restart).\n`,
      );
      return 0;
    }
    case 'cert list': {
      for (const c of await listCertificates(here(required('ca-dir'))))
        process.stdout.write(
          `${c.serial}\t${c.kind}\t${c.subject}\tuntil ${c.notAfter.toISOString().slice(0, 10)}${c.revoked ? '\tREVOKED' : ''}\n`,
        );
      return 0;
    }
    case 'crl renew': {
      const renewed = await renewCrl({
        caDir: here(required('ca-dir')),
        ...(values.days ? { validDays: Number(values.days) } : {}),
      });
      process.stdout.write(`${renewed.crl}, next update ${renewed.nextUpdate.toISOString()}\n`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command: ${positionals.join(' ')}`);
  }
}

run().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${USAGE}`);
    else {
      const known =
        error instanceof ConfigError ||
        error instanceof ServerStartError ||
        error instanceof PgMigrationError ||
        error instanceof ImportRefusedError ||
        error instanceof CertificateError;
      process.stderr.write(`hearing-desk-server: ${known ? error.message : String(error)}\n`);
    }
    process.exit(1);
  },
);
