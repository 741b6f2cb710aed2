/**
 * The indicator bundle shipped with this version of the app (assets/stalkerware-indicators/):
 * the SHA-256 of its manifest.json, compiled into main. The manifest pins every other file by its
 * SHA-256, so this one value pins the whole bundle: a manifest edited beside its files (to slip
 * in a changed ioc.yaml with its new hash) is refused at load, as a migration whose hash is not
 * compiled in is (src-main/db/migration-manifest.ts).
 *
 * A newer bundle the administrator imports lives in the data folder and is checked against its own
 * manifest only (its files' hashes and the Echap rules): the signature of the central team that
 * §D8 asks for is not built yet, and until it is an import is as trustworthy as the administrator's
 * file. Changing the shipped bundle: copy the new files and manifest into the assets folder, then
 * put the manifest's SHA-256 here (`sha256sum assets/stalkerware-indicators/manifest.json`); the
 * unit test test/unit/phone-check/indicator-bundle.test.ts says when they differ.
 */
export const SHIPPED_INDICATOR_MANIFEST_SHA256 = '6eea42183d9e025692334857a0281896ffc9cb49e0a6812598a17680b4e983d8';
