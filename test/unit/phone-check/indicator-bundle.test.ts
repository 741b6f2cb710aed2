import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importIndicatorBundle,
  loadIndicatorBundle,
  loadShippedIndicatorBundle,
  type BundleResult,
} from '../../../src-main/phone-check/indicator-bundle';
import {
  buildIndicatorIndex,
  AOSP_TEST_CERTIFICATE,
  matchPhone,
  type InstalledPackage,
} from '../../../src-main/phone-check/matching';
import { SHIPPED_INDICATOR_MANIFEST_SHA256 } from '../../../src-main/phone-check/shipped-bundle';
import { parseYamlSubset } from '../../../src-main/phone-check/yaml-subset';
import { writeTestBundle } from '../../fakes/adb/phones';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ASSETS = path.join(ROOT, 'assets', 'stalkerware-indicators');
let dir: string;
let n = 0;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-bundle-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of the shipped bundle, changed by `change`, its manifest rehashed when `rehash`. */
function brokenCopy(change: (d: string) => void, rehash = true): string {
  const d = path.join(dir, `copy-${n++}`);
  writeTestBundle(ASSETS, d);
  change(d);
  if (rehash) {
    const manifest = JSON.parse(fs.readFileSync(path.join(d, 'manifest.json'), 'utf8'));
    for (const f of Object.keys(manifest.files)) {
      if (!fs.existsSync(path.join(d, f))) continue;
      const bytes = fs.readFileSync(path.join(d, f));
      manifest.files[f] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
    }
    fs.writeFileSync(path.join(d, 'manifest.json'), JSON.stringify(manifest));
  }
  return d;
}

function edit(d: string, file: string, fn: (text: string) => string): void {
  fs.writeFileSync(path.join(d, file), fn(fs.readFileSync(path.join(d, file), 'utf8')));
}

function refusal(result: BundleResult) {
  expect(result.ok).toBe(false);
  return result.ok ? null : result.refusal;
}

describe('the indicator bundle', () => {
  it('loads the shipped files, pinned and hashed', () => {
    const result = loadIndicatorBundle(ASSETS);
    if (!result.ok) throw new Error(JSON.stringify(result.refusal));
    const { bundle } = result;
    expect(bundle.commit).toBe('a04c5c1958bff93fec3b1b56edbb412b209f2a38');
    expect(bundle.date).toBe('2026-06-21T20:40:25Z');
    // The counts the upstream README gives: 147 stalkerware and 27 watchware apps, 3228 samples.
    expect(bundle.apps).toHaveLength(147);
    expect(bundle.watchware).toHaveLength(27);
    expect(bundle.samples).toHaveLength(3228);
    for (const [name, { sha256, bytes }] of Object.entries(bundle.files)) {
      const data = fs.readFileSync(path.join(ASSETS, name));
      expect(createHash('sha256').update(data).digest('hex')).toBe(sha256);
      expect(data.length).toBe(bytes);
    }
    const truthSpy = bundle.apps.find((a) => a.name === 'TheTruthSpy')!;
    expect(truthSpy.packages).toContain('com.systemservice');
    expect(truthSpy.aliases).toContain('Copy9');
    expect(truthSpy.certificates.every((c) => /^[A-F0-9]{40}$/.test(c))).toBe(true);
    // Entries written `name : X` and with `ip:` instead of `ips:` are read too.
    expect(bundle.apps.some((a) => a.name === 'jjspy')).toBe(true);
    expect(bundle.apps.some((a) => a.name === 'Ahmyth')).toBe(true);
    expect(bundle.samples.find((s) => s.certificate === AOSP_TEST_CERTIFICATE)).toBeTruthy();
    // The one certificate ignored alone is the AOSP test key, not any listed for several apps.
    const index = buildIndicatorIndex(bundle);
    expect(index.sharedCertificates).toEqual(new Set([AOSP_TEST_CERTIFICATE]));
    expect(fs.readFileSync(path.join(ASSETS, 'NOTICE.md'), 'utf8')).toContain('CC BY 4.0');
  });

  it('finds a renamed FindMyKids by its certificate, also listed for WiseMo', () => {
    const result = loadShippedIndicatorBundle(ASSETS);
    if (!result.ok) throw new Error(JSON.stringify(result.refusal));
    const index = buildIndicatorIndex(result.bundle);
    const certificate = '9B48840CBF93379410172B4B85989624D2B33D59';
    expect(index.byCertificate.get(certificate)!.map((a) => a.name)).toEqual(
      expect.arrayContaining(['FindMyKids', 'WiseMo']),
    );
    const renamed: InstalledPackage = {
      name: 'org.example.kidsclock',
      uid: null,
      installer: null,
      system: false,
      disabled: false,
      hasLauncher: true,
      requested: [],
      granted: [],
      versionName: null,
      firstInstallTime: null,
      apk: {
        path: '/data/app/org.example.kidsclock/base.apk',
        sha256: null,
        hashedOn: 'host',
        certificateSha1: certificate,
        certificateSha256: null,
        scheme: 'v2',
        certificates: [{ sha1: certificate, sha256: '0'.repeat(64), scheme: 'v2', role: 'signer' }],
      },
    };
    const { findings, level } = matchPhone(
      {
        props: {},
        packages: [renamed],
        accessibilityServices: [],
        notificationListeners: [],
        owners: [],
        deviceAdmins: [],
        globalSettings: {},
        mayInstallApps: [],
        accounts: null,
        unreadableApks: [],
        failedCommands: [],
      },
      index,
      { now: new Date('2026-12-04T12:00:00Z') },
    );
    expect(level).toBe('high');
    const hit = findings.find((f) => f.code === 'stalkerware-certificate')!;
    expect(hit.params).toMatchObject({ package: 'org.example.kidsclock', certificateSha1: certificate });
    expect([hit.params.indicator, ...(hit.params.alsoListedFor as string[])]).toContain('FindMyKids');
  });

  it('refuses a shipped bundle whose manifest is not the one compiled into main', () => {
    const manifest = fs.readFileSync(path.join(ASSETS, 'manifest.json'));
    // Update SHIPPED_INDICATOR_MANIFEST_SHA256 (src-main/phone-check/shipped-bundle.ts) with the shipped manifest.
    expect(createHash('sha256').update(manifest).digest('hex')).toBe(SHIPPED_INDICATOR_MANIFEST_SHA256);
    expect(loadShippedIndicatorBundle(ASSETS)).toMatchObject({
      ok: true,
      bundle: { manifestSha256: SHIPPED_INDICATOR_MANIFEST_SHA256 },
    });
    // A changed ioc.yaml with its manifest rehashed beside it: consistent, and refused.
    const edited = brokenCopy((d) => edit(d, 'ioc.yaml', (t) => t.replace('com.fone', 'com.fona')));
    expect(loadIndicatorBundle(edited).ok).toBe(true);
    expect(refusal(loadShippedIndicatorBundle(edited))).toMatchObject({
      code: 'manifest-not-shipped',
      details: { expected: SHIPPED_INDICATOR_MANIFEST_SHA256 },
    });
  });

  it('refuses a tampered, missing or unlisted file, and a bad manifest', () => {
    expect(
      refusal(
        loadIndicatorBundle(brokenCopy((d) => edit(d, 'ioc.yaml', (t) => t.replace('com.fone', 'com.fona')), false)),
      ),
    ).toMatchObject({ code: 'file-hash-mismatch', details: { file: 'ioc.yaml' } });
    expect(refusal(loadIndicatorBundle(brokenCopy((d) => edit(d, 'NOTICE.md', (t) => t + ' '), false)))).toMatchObject({
      code: 'file-size-mismatch',
      details: { file: 'NOTICE.md' },
    });
    expect(refusal(loadIndicatorBundle(brokenCopy((d) => fs.rmSync(path.join(d, 'samples.csv')), false)))).toEqual({
      code: 'file-missing',
      details: { file: 'samples.csv' },
    });
    expect(
      refusal(loadIndicatorBundle(brokenCopy((d) => fs.rmSync(path.join(d, 'manifest.json')), false))),
    ).toMatchObject({
      code: 'manifest-missing',
    });
    expect(
      refusal(
        loadIndicatorBundle(brokenCopy((d) => fs.writeFileSync(path.join(d, 'manifest.json'), '{ not json'), false)),
      ),
    ).toMatchObject({ code: 'manifest-invalid' });
    expect(
      refusal(
        loadIndicatorBundle(
          brokenCopy(
            (d) => edit(d, 'manifest.json', (t) => t.replace(/"commit": "[0-9a-f]+"/, '"commit": "HEAD"')),
            false,
          ),
        ),
      ),
    ).toMatchObject({ code: 'manifest-invalid' });
    expect(
      refusal(
        loadIndicatorBundle(
          brokenCopy(
            (d) =>
              edit(d, 'manifest.json', (t) => {
                const m = JSON.parse(t);
                delete m.files['LICENSE.txt'];
                return JSON.stringify(m);
              }),
            false,
          ),
        ),
      ),
    ).toEqual({ code: 'manifest-invalid', details: { missing: ['LICENSE.txt'] } });
    expect(refusal(loadIndicatorBundle(path.join(dir, 'does-not-exist')))).toMatchObject({ code: 'manifest-missing' });
  });

  it('refuses content that breaks the Echap rules even with matching hashes', () => {
    const cases: [string, (d: string) => void, object][] = [
      [
        'a lower-case certificate',
        (d) =>
          edit(d, 'ioc.yaml', (t) =>
            t.replace('31A6ECECD97CF39BC4126B8745CD94A7C30BF81C', '31a6ececd97cf39bc4126b8745cd94a7c30bf81c'),
          ),
        { code: 'schema-invalid', details: { file: 'ioc.yaml' } },
      ],
      [
        'an unknown key',
        (d) => edit(d, 'watchware.yaml', (t) => t.replace('  type: watchware', '  type: watchware\n  colour: red')),
        { code: 'schema-invalid', details: { file: 'watchware.yaml' } },
      ],
      [
        'an unknown type',
        (d) => edit(d, 'ioc.yaml', (t) => t.replace('type: stalkerware', 'type: spyware')),
        { code: 'schema-invalid' },
      ],
      [
        'packages not a list',
        (d) =>
          edit(d, 'watchware.yaml', (t) =>
            t.replace('  packages:\n  - com.wisemo.host.v10', '  packages: com.wisemo.host.v10'),
          ),
        { code: 'schema-invalid', details: { file: 'watchware.yaml' } },
      ],
      [
        'a duplicate name',
        (d) => edit(d, 'ioc.yaml', (t) => t + '\n- name: TheTruthSpy\n  type: stalkerware\n'),
        { code: 'duplicate-name', details: { file: 'ioc.yaml', name: 'TheTruthSpy' } },
      ],
      [
        'YAML outside the subset',
        (d) => edit(d, 'ioc.yaml', (t) => t.replace('  - com.fone', '  - "com.fone"')),
        { code: 'yaml-invalid', details: { file: 'ioc.yaml', line: 19 } },
      ],
      [
        'a flow list',
        (d) =>
          edit(d, 'watchware.yaml', (t) =>
            t.replace('  packages:\n  - com.wisemo.host.v10', '  packages: [com.wisemo.host.v10]'),
          ),
        { code: 'yaml-invalid' },
      ],
      [
        'a bad sample hash',
        (d) => edit(d, 'samples.csv', (t) => t.replace('2f3bc9eb', '2F3BC9EB')),
        { code: 'csv-invalid', details: { file: 'samples.csv', line: 2, error: 'SHA256' } },
      ],
      [
        'a sample row with 6 columns',
        (d) => edit(d, 'samples.csv', (t) => t + 'a'.repeat(64) + ',com.x,,1,App,extra\r\n'),
        { code: 'csv-invalid', details: { line: 3230 } },
      ],
      [
        'a changed header',
        (d) => edit(d, 'samples.csv', (t) => t.replace('SHA256,', 'Hash,')),
        { code: 'csv-invalid' },
      ],
      [
        'not UTF-8',
        (d) => fs.appendFileSync(path.join(d, 'ioc.yaml'), Buffer.from([0xff, 0xfe])),
        { code: 'yaml-invalid' },
      ],
    ];
    for (const [what, change, expected] of cases)
      expect(refusal(loadIndicatorBundle(brokenCopy(change))), what).toMatchObject(expected);
  });

  it('imports a newer bundle, and leaves the current one in place when the import is refused', () => {
    const target = path.join(dir, 'installed');
    const first = importIndicatorBundle(ASSETS, target);
    expect(first.ok).toBe(true);
    const current = first.ok ? first.bundle : null;

    // Not newer: refused.
    expect(refusal(importIndicatorBundle(ASSETS, target, { current: current! }))).toMatchObject({ code: 'not-newer' });
    // Tampered: refused, the installed bundle untouched.
    const tampered = brokenCopy((d) => edit(d, 'ioc.yaml', (t) => t.replace('com.fone', 'com.fona')), false);
    expect(refusal(importIndicatorBundle(tampered, target))).toMatchObject({ code: 'file-hash-mismatch' });
    expect(loadIndicatorBundle(target)).toMatchObject({ ok: true, bundle: { commit: current!.commit } });

    // Newer (an invented later commit and date): taken, with its own commit and date.
    const newer = brokenCopy((d) =>
      edit(d, 'manifest.json', (t) => {
        const m = JSON.parse(t);
        m.commit = '1111111111111111111111111111111111111111';
        m.date = '2026-11-30T08:00:00Z';
        return JSON.stringify(m);
      }),
    );
    const imported = importIndicatorBundle(newer, target, { current: current! });
    expect(imported).toMatchObject({ ok: true, bundle: { commit: '1111111111111111111111111111111111111111' } });
    expect(loadIndicatorBundle(target)).toMatchObject({ ok: true, bundle: { date: '2026-11-30T08:00:00Z' } });
    // Nothing left behind next to the target.
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.indicators-'))).toEqual([]);
  });
});

describe('the YAML subset', () => {
  it('reads lists, maps, keys with a space before the colon, comments', () => {
    expect(
      parseYamlSubset(
        '---\n# c\n- name : A\n  packages:\n  - a.b  # note\n  c2:\n    ips:\n    - 1.2.3.4\n\n- name: B\n',
      ),
    ).toEqual([{ name: 'A', packages: ['a.b'], c2: { ips: ['1.2.3.4'] } }, { name: 'B' }]);
  });

  it.each([
    ['- name: "A"\n', 2 - 1],
    ['- name: A\n  x: &anchor y\n', 2],
    ['- name: A\n  x: *alias\n', 2],
    ['- name: A\n  x: |\n    text\n', 2],
    ['- name: A\n\tx: y\n', 2],
    ['- name: A\n  x: y\n  x: z\n', 3],
    ['- name: A\n   x: y\n', 2],
    ['- name: A\n---\n- name: B\n', 2],
    ['- name: A\n  x:\n', 2],
    ['- name: A\n  x: a: b\n', 2],
  ])('refuses %j at its line', (source, line) => {
    expect(() => parseYamlSubset(source)).toThrow(expect.objectContaining({ line }));
  });
});
