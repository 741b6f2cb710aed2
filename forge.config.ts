import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { signingConfiguration } from './forge.signing';

/** Certificates from the build machine's environment, when it has them (forge.signing.ts, README). */
const signing = signingConfiguration(process.env);

/**
 * The database driver is the one runtime package the main bundle does not contain (see
 * vite.main.config.ts). The Vite plugin packages only .vite/, so it is copied in here: its
 * JavaScript and the N-API prebuilds for the target, not its 14 MB of C sources.
 */
const DATABASE_DRIVER = 'better-sqlite3';

function prebuildNames(platform: string, arch: string): string[] {
  const archs = platform === 'darwin' && arch === 'universal' ? ['x64', 'arm64'] : [arch];
  // Alpine and other musl systems need their own build; the driver picks it at run time.
  const platforms = platform === 'linux' ? ['linux', 'linuxmusl'] : [platform];
  return platforms.flatMap((p) => archs.map((a) => `${p}-${a}.node`));
}

async function copyDatabaseDriver(buildPath: string, platform: string, arch: string): Promise<void> {
  const source = path.dirname(createRequire(import.meta.url).resolve(`${DATABASE_DRIVER}/package.json`));
  const prebuilds = prebuildNames(platform, arch);
  const missing = prebuilds.filter(
    (name) => !name.startsWith('linuxmusl-') && !fs.existsSync(path.join(source, 'prebuilds', name)),
  );
  if (missing.length > 0) {
    throw new Error(
      `${DATABASE_DRIVER} ships no prebuilt binary for ${platform}-${arch} (missing ${missing.join(', ')})`,
    );
  }
  const keep = (relative: string): boolean =>
    relative === '' ||
    relative === 'package.json' ||
    relative === 'LICENSE' ||
    relative === 'lib' ||
    relative.startsWith('lib/') ||
    relative === 'prebuilds' ||
    prebuilds.some((name) => relative === `prebuilds/${name}`);
  await fs.promises.cp(source, path.join(buildPath, 'node_modules', DATABASE_DRIVER), {
    recursive: true,
    // Real files even where a package manager links packages into node_modules.
    dereference: true,
    filter: (file) => keep(path.relative(source, file).split(path.sep).join('/')),
  });
}

/**
 * pdf.js, which reads back the text of the PDFs she is given (src-main/documents/pdf-text.ts):
 * only its Node build and worker, inside the archive like the rest of the code.
 */
async function copyPdfReader(buildPath: string): Promise<void> {
  const source = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const target = path.join(buildPath, 'node_modules', 'pdfjs-dist');
  for (const file of ['package.json', 'LICENSE', 'legacy/build/pdf.mjs', 'legacy/build/pdf.worker.mjs']) {
    await fs.promises.mkdir(path.dirname(path.join(target, file)), { recursive: true });
    await fs.promises.copyFile(path.join(source, file), path.join(target, file));
  }
}

/**
 * The fonts documents embed (forms/catalogs/fonts.json), from their @fontsource packages: the
 * unicode ranges and the woff2 files of the listed subsets and weights, nothing else. Read by main
 * at path.join(app.getAppPath(), 'document-fonts').
 */
async function copyDocumentFonts(buildPath: string): Promise<void> {
  const list = JSON.parse(await fs.promises.readFile(path.resolve('forms/catalogs/fonts.json'), 'utf8')) as {
    families: { package: string; subsets: string[] }[];
    weights: number[];
  };
  for (const family of list.families) {
    const source = path.resolve('node_modules/@fontsource', family.package);
    const target = path.join(buildPath, 'document-fonts', family.package);
    await fs.promises.mkdir(path.join(target, 'files'), { recursive: true });
    await fs.promises.copyFile(path.join(source, 'unicode.json'), path.join(target, 'unicode.json'));
    await fs.promises.copyFile(path.join(source, 'LICENSE'), path.join(target, 'LICENSE'));
    for (const subset of family.subsets) {
      for (const weight of list.weights) {
        const file = `${family.package}-${subset}-${weight}-normal.woff2`;
        await fs.promises.copyFile(path.join(source, 'files', file), path.join(target, 'files', file));
      }
    }
  }
}

const config: ForgeConfig = {
  packagerConfig: {
    asar: {
      // Native addons cannot be loaded from inside the archive; Electron redirects their
      // require() to app.asar.unpacked.
      unpack: '**/*.node',
    },
    executableName: 'hearing-desk',
    // Read by the main process at path.join(process.resourcesPath, 'migrations', 'sqlite'), outside the
    // archive: each file is checked against the SHA-256 compiled into main (src-main/db/
    // migration-manifest.ts) before any runs with the key, and an extra, missing or changed
    // one stops the start.
    // The victim catalogs, as files: a zone adds a language by adding one (resources/victim).
    // The phone check's indicators (Echap, CC BY 4.0) with their NOTICE and licence
    // (resources/stalkerware-indicators), checked at load against the hash compiled into main.
    extraResource: ['migrations', 'forms/catalogs/victim', 'assets/stalkerware-indicators'],
    ...(signing.windowsSign ? { windowsSign: signing.windowsSign } : {}),
    ...(signing.osxSign ? { osxSign: signing.osxSign } : {}),
    ...(signing.osxNotarize ? { osxNotarize: signing.osxNotarize } : {}),
  },
  // The driver's prebuilds are N-API, valid in Electron as in Node; without this Forge would
  // try to compile it from source against Electron's headers (binding.gyp), which needs a
  // compiler and a download.
  rebuildConfig: { onlyModules: [] },
  // Setup.exe is signed like the executables it installs.
  makers: [
    new MakerSquirrel(signing.windowsSign ? { windowsSign: signing.windowsSign } : {}),
    new MakerZIP({}, ['darwin', 'linux']),
    new MakerDeb({}),
  ],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'src-main/electron/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'src-main/electron/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
    // Fuses are flipped in the Electron binary at package time; they cannot be turned back on
    // by command-line flags or environment variables on the officer's computer (test/unit/
    // electron-hardening.test.ts reads them from here). No fuse covers Chromium's
    // --remote-debugging-port: main.ts refuses it in a packaged app (launch-guard.ts).
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    }),
  ],
  hooks: {
    packageAfterCopy: async (_forgeConfig, buildPath, _electronVersion, platform, arch) => {
      await copyDatabaseDriver(buildPath, platform, arch);
      await copyDocumentFonts(buildPath);
      await copyPdfReader(buildPath);
    },
  },
};

export default config;
