/**
 * The phone check (issue 18, report): a scan of an invented phone with 300 packages through the
 * real adb client and the fake adb server on loopback (so the time is the transport's and the
 * app's own overhead, not a phone's: a real phone answers `dumpsys` far more slowly), the
 * matching alone on the same facts, the indicator bundle's load, and the memory.
 *
 * For reference, the closest read-only tool (spytrap-adb) publishes a log of about 190 apps in
 * about 9 s on a real phone over USB.
 *
 *   npx tsx bench/phone-check.ts [packages=300] [runs=5]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAdbClient } from '../src-main/phone-check/adb-client';
import { loadShippedIndicatorBundle as loadIndicatorBundle } from '../src-main/phone-check/indicator-bundle';
import { buildIndicatorIndex, matchPhone, type PhoneFacts } from '../src-main/phone-check/matching';
import { scanAndroidPhone } from '../src-main/phone-check/scan';
import { makeCertificate, makeV1Apk } from '../test/fakes/adb/make-apk';
import { largePhone } from '../test/fakes/adb/phones';
import { startFakeAdbServer } from '../test/fakes/adb/server';

const PACKAGES = Number(process.argv[2] ?? 300);
const RUNS = Number(process.argv[3] ?? 5);
const ROOT = path.resolve(import.meta.dirname, '..');
const MiB = 1024 * 1024;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-bench-phone-'));
  try {
    let t = performance.now();
    const loaded = loadIndicatorBundle(path.join(ROOT, 'assets', 'stalkerware-indicators'));
    const loadMs = performance.now() - t;
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.refusal));
    const bundle = loaded.bundle;
    t = performance.now();
    const index = buildIndicatorIndex(bundle);
    const indexMs = performance.now() - t;

    const cert = makeCertificate(path.join(tmp, 'cert'), 'Invented Bench Signer');
    const apk = makeV1Apk(path.join(tmp, 'apk'), cert, 'org.example.bench');
    const phone = largePhone(PACKAGES, apk);
    const server = await startFakeAdbServer([phone]);

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
    const scanMs: number[] = [];
    let last: Awaited<ReturnType<typeof scanAndroidPhone>> | null = null;
    for (let run = 0; run < RUNS; run++) {
      const adb = createAdbClient({ port: server.port });
      t = performance.now();
      last = await scanAndroidPhone({ adb, serial: phone.serial, bundle, index });
      scanMs.push(performance.now() - t);
      if (!last.ok) throw new Error(JSON.stringify(last.refusal));
    }
    clearInterval(sampler);
    if (!last?.ok) throw new Error('no scan');
    if (server.unexpected.length > 0) throw new Error(`unexpected requests: ${server.unexpected.join(', ')}`);
    const report = last.report;

    // Matching alone, on the facts of the last scan.
    const facts: PhoneFacts = {
      props: report.device.properties,
      packages: report.inventory.packages,
      accessibilityServices: [],
      notificationListeners: [],
      owners: [],
      deviceAdmins: [],
      globalSettings: {},
      mayInstallApps: [],
      accounts: null,
      unreadableApks: [],
      failedCommands: [],
    };
    const matchMs: number[] = [];
    for (let run = 0; run < 50; run++) {
      t = performance.now();
      matchPhone(facts, index, { now: new Date() });
      matchMs.push(performance.now() - t);
    }
    await server.close();

    const rawBytes = last.rawOutputs.reduce((sum, b) => sum + (b?.length ?? 0), 0);
    const heap = process.memoryUsage();
    const result = {
      packages: report.inventory.total,
      thirdParty: report.inventory.thirdParty,
      offStorePulled: report.inventory.offStore,
      commandsPerScan: report.commands.length,
      rawOutputMiB: +(rawBytes / MiB).toFixed(2),
      reportJsonMiB: +(JSON.stringify(report).length / MiB).toFixed(2),
      findings: report.findings.length,
      level: report.level,
      bundleLoadMs: +loadMs.toFixed(1),
      indexBuildMs: +indexMs.toFixed(1),
      scanMsMedian: +median(scanMs).toFixed(1),
      scanMsRuns: scanMs.map((x) => +x.toFixed(1)),
      perPackageMs: +(median(scanMs) / report.inventory.total).toFixed(2),
      matchMsMedian: +median(matchMs).toFixed(3),
      rssBeforeMiB: +(rssBefore / MiB).toFixed(1),
      rssPeakMiB: +(peakRss / MiB).toFixed(1),
      heapUsedMiB: +(heap.heapUsed / MiB).toFixed(1),
      reference: 'spytrap-adb published log: about 190 apps in about 9 s on a real phone',
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
