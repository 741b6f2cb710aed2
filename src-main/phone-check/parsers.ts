import { isPackageName } from './allowed-commands';

/**
 * Readers of the phone's command outputs. Output varies with the Android version and the vendor
 * (spec §D5, §D10), so each reader takes what it recognises, skips the rest, and counts what it
 * skipped; the raw output is kept beside the findings for a later expert review.
 */

function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** `getprop`: `[key]: [value]` lines. */
export function parseGetprop(text: string): Record<string, string> {
  const props: Record<string, string> = {};
  for (const line of lines(text)) {
    const m = /^\[([^\]]+)\]: \[(.*)\]$/.exec(line.trim());
    if (m) props[m[1]!] = m[2]!;
  }
  return props;
}

export interface ListedPackage {
  name: string;
  installer: string | null;
  uid: number | null;
}

export interface PackageList {
  packages: ListedPackage[];
  /** Lines that looked like neither a package nor nothing (vendor noise, an error). */
  skipped: number;
  /** `pm` said it does not know an option: the caller falls back to an older form. */
  unknownOption: boolean;
}

/**
 * `pm list packages [-U] [-u] [-i]`, in its forms across versions: `package:NAME installer=X
 * uid:N` (recent, one space, `uid:N,M` with several users) or `package:NAME  installer=X`
 * (Android 7 and earlier, two spaces, no `-U`). `installer=null` is no installer.
 */
export function parsePackageList(text: string): PackageList {
  const packages: ListedPackage[] = [];
  let skipped = 0;
  let unknownOption = false;
  for (const raw of lines(text)) {
    const line = raw.trim();
    if (line === '') continue;
    if (/unknown option/i.test(line)) unknownOption = true;
    if (!line.startsWith('package:')) {
      skipped++;
      continue;
    }
    const [first, ...rest] = line.slice('package:'.length).split(/\s+/);
    if (!first || !isPackageName(first)) {
      skipped++;
      continue;
    }
    let installer: string | null = null;
    let uid: number | null = null;
    for (const token of rest) {
      if (token.startsWith('installer=')) {
        const value = token.slice('installer='.length);
        installer = value === 'null' || !isPackageName(value) ? null : value;
      } else if (/^uid:\d+(,\d+)*$/.test(token)) {
        uid = Number(token.slice(4).split(',')[0]);
      }
    }
    packages.push({ name: first, installer, uid });
  }
  return { packages, skipped, unknownOption };
}

/** `settings get secure enabled_accessibility_services` and the notification listeners: `a/b:c/d` or `null`. */
export function parseComponentList(text: string): { component: string; packageName: string }[] {
  const value = text.trim();
  if (value === '' || value === 'null') return [];
  return value
    .split(':')
    .map((c) => c.trim())
    .filter((c) => c.includes('/'))
    .map((component) => ({ component, packageName: component.slice(0, component.indexOf('/')) }))
    .filter((c) => isPackageName(c.packageName));
}

export interface Owner {
  packageName: string;
  component: string;
  kind: 'device' | 'profile' | 'unknown';
}

/** `dpm list-owners`: `User 0: admin=ComponentInfo{pkg/cls},DeviceOwner` lines, or `no owners`. */
export function parseOwners(text: string): Owner[] {
  const owners: Owner[] = [];
  for (const line of lines(text)) {
    const m = /ComponentInfo\{([^/}]+)\/([^}]+)\}(.*)$/.exec(line);
    if (!m || !isPackageName(m[1]!)) continue;
    const rest = m[3]!;
    owners.push({
      packageName: m[1]!,
      component: `${m[1]}/${m[2]}`,
      kind: /DeviceOwner/i.test(rest) ? 'device' : /ProfileOwner/i.test(rest) ? 'profile' : 'unknown',
    });
  }
  return owners;
}

/** `dumpsys device_policy`: the components listed under "Enabled Device Admins". */
export function parseDeviceAdmins(text: string): { packageName: string; component: string }[] {
  const admins: { packageName: string; component: string }[] = [];
  let inSection = false;
  let sectionIndent = 0;
  for (const line of lines(text)) {
    const indent = line.length - line.trimStart().length;
    if (/Enabled Device Admins/i.test(line)) {
      inSection = true;
      sectionIndent = indent;
      continue;
    }
    if (!inSection) continue;
    if (line.trim() === '' || indent <= sectionIndent) {
      inSection = line.trim() === '' ? inSection : false;
      continue;
    }
    const m = /^\s+([A-Za-z0-9_.]+)\/([^\s:]+):\s*$/.exec(line);
    if (m && isPackageName(m[1]!)) admins.push({ packageName: m[1]!, component: `${m[1]}/${m[2]}` });
  }
  return admins;
}

/**
 * `dumpsys appops`: packages whose REQUEST_INSTALL_PACKAGES op is `allow`, under a `Package X:`
 * heading, or under a `Uid N:` heading (mapped to packages through the uids `pm` listed).
 */
export function parseInstallAllowed(text: string, packagesByUid: Map<number, string[]>): string[] {
  const found = new Set<string>();
  let uid: number | null = null;
  let pkg: string | null = null;
  for (const line of lines(text)) {
    const uidMatch = /^\s*Uid (?:u\d+a\d+|(\d+)):/.exec(line);
    if (uidMatch) {
      uid = uidMatch[1] ? Number(uidMatch[1]) : null;
      pkg = null;
      continue;
    }
    const pkgMatch = /^\s*Package ([A-Za-z0-9_.]+):/.exec(line);
    if (pkgMatch) {
      pkg = isPackageName(pkgMatch[1]!) ? pkgMatch[1]! : null;
      continue;
    }
    if (/REQUEST_INSTALL_PACKAGES/.test(line) && /\ballow\b/.test(line) && !/\bdeny\b|\bdefault\b/.test(line)) {
      if (pkg) found.add(pkg);
      else if (uid !== null) for (const p of packagesByUid.get(uid) ?? []) found.add(p);
    }
  }
  return [...found].sort();
}

export interface AccountSummary {
  total: number;
  byType: Record<string, number>;
  /** The domains of e-mail-like account names; never the names themselves. */
  domains: string[];
}

/** `dumpsys account`: `Account {name=..., type=...}` lines; only counts, types and domains leave here. */
export function parseAccounts(text: string): AccountSummary {
  const byType: Record<string, number> = {};
  const domains = new Set<string>();
  let total = 0;
  const seen = new Set<string>();
  for (const line of lines(text)) {
    const m = /Account \{name=(.*), type=([^}\s]+)\}/.exec(line);
    if (!m) continue;
    const key = `${m[1]}\u0000${m[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    total++;
    byType[m[2]!] = (byType[m[2]!] ?? 0) + 1;
    const at = m[1]!.lastIndexOf('@');
    if (at > 0) domains.add(m[1]!.slice(at + 1).toLowerCase());
  }
  return { total, byType, domains: [...domains].sort() };
}

/** `cmd package query-activities ...`: `packageName=` lines (full form) or `pkg/cls` lines (brief form). */
export function parseLauncherPackages(text: string): Set<string> {
  const found = new Set<string>();
  for (const line of lines(text)) {
    const full = /^\s*packageName=([A-Za-z0-9_.]+)\s*$/.exec(line);
    const brief = /^\s*([A-Za-z0-9_.]+)\/[A-Za-z0-9_.$]+\s*$/.exec(line);
    const name = full?.[1] ?? brief?.[1];
    if (name && isPackageName(name)) found.add(name);
  }
  return found;
}

export interface PackageDump {
  versionName: string | null;
  firstInstallTime: string | null;
  lastUpdateTime: string | null;
  installer: string | null;
  requested: string[];
  granted: string[];
}

/** `dumpsys package <pkg>`: the fields §D6 uses, from the package's own section. */
export function parsePackageDump(text: string, packageName: string): PackageDump {
  const all = lines(text);
  const start = all.findIndex((l) => l.trim().startsWith(`Package [${packageName}]`));
  const section = start === -1 ? [] : all.slice(start);
  const dump: PackageDump = {
    versionName: null,
    firstInstallTime: null,
    lastUpdateTime: null,
    installer: null,
    requested: [],
    granted: [],
  };
  let list: 'requested' | 'granted' | null = null;
  const granted = new Set<string>();
  for (let i = 0; i < section.length; i++) {
    const line = section[i]!;
    if (i > 0 && /^\s{2}Package \[/.test(line)) break;
    const field = /^\s*(versionName|firstInstallTime|lastUpdateTime|installerPackageName)=(.*)$/.exec(line);
    if (field) {
      const value = field[2]!.trim();
      if (field[1] === 'versionName') dump.versionName = value;
      else if (field[1] === 'firstInstallTime') dump.firstInstallTime = value;
      else if (field[1] === 'lastUpdateTime') dump.lastUpdateTime = value;
      else dump.installer = value === 'null' || !isPackageName(value) ? null : value;
      list = null;
      continue;
    }
    if (/^\s*requested permissions:/.test(line)) {
      list = 'requested';
      continue;
    }
    if (/^\s*(install|runtime) permissions:/.test(line)) {
      list = 'granted';
      continue;
    }
    const permission = /^\s+([A-Za-z0-9_.]+)(?::\s*granted=(true|false))?/.exec(line);
    if (list && permission && permission[1]!.includes('.')) {
      if (list === 'requested' && permission[2] === undefined) dump.requested.push(permission[1]!);
      else if (list === 'granted' && permission[2] === 'true') granted.add(permission[1]!);
      else if (list === 'granted' && permission[2] === undefined) list = null;
      continue;
    }
    if (list && line.trim() !== '') list = null;
  }
  dump.granted = [...granted].sort();
  return dump;
}

/** `sha256sum <path>`: `HASH  PATH`. */
export function parseSha256sum(text: string): string | null {
  const m = /^([0-9a-f]{64})\s/.exec(text.trim() + ' ');
  return m ? m[1]! : null;
}

/** `date +%s`: seconds since the epoch. */
export function parseEpochSeconds(text: string): number | null {
  const m = /^\s*(\d{9,12})\s*$/.exec(text);
  return m ? Number(m[1]) : null;
}
