/**
 * Code signing of the installers (forge.config.ts), read from the environment of the build
 * machine that holds the certificates, and only when its variables are set: a developer's
 * `npm run make` builds unsigned installers, a release machine signed ones. A half-set group (a
 * password without its certificate, an Apple ID without its password) stops the build rather
 * than ship an installer unsigned by mistake. No secret is written in the repository.
 *
 * Windows (Authenticode, through @electron/windows-sign: the executables in the package and the
 * Squirrel Setup.exe): WINDOWS_CERTIFICATE_FILE (a .pfx) with WINDOWS_CERTIFICATE_PASSWORD, or
 * WINDOWS_SIGN_WITH_PARAMS (signtool parameters, for a certificate on a token or in a cloud HSM);
 * optional WINDOWS_TIMESTAMP_SERVER and WINDOWS_SIGNTOOL_PATH.
 *
 * macOS (codesign, hardened runtime, then Apple's notary service): APPLE_SIGNING_IDENTITY (for
 * example "Developer ID Application: Zone de police (TEAMID)"), and to notarize one of
 * APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER (App Store Connect API key, a .p8 file),
 * APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID, or APPLE_KEYCHAIN_PROFILE (with
 * optional APPLE_KEYCHAIN), credentials stored by `xcrun notarytool store-credentials`.
 */

export type SigningEnvironment = Readonly<Record<string, string | undefined>>;

export interface WindowsSigning {
  certificateFile?: string;
  certificatePassword?: string;
  signWithParams?: string;
  timestampServer?: string;
  signToolPath?: string;
}

export type AppleNotarization =
  | { appleApiKey: string; appleApiKeyId: string; appleApiIssuer: string }
  | { appleId: string; appleIdPassword: string; teamId: string }
  | { keychainProfile: string; keychain?: string };

export interface SigningConfiguration {
  windowsSign?: WindowsSigning;
  /** A signing failure fails the build (packager's default would only warn). */
  osxSign?: { identity: string; continueOnError: false };
  osxNotarize?: AppleNotarization;
}

export class SigningConfigurationError extends Error {
  override name = 'SigningConfigurationError';
}

/** The variables of a group that are set (not empty); throws when some but not all of `required` are. */
function group(
  env: SigningEnvironment,
  required: readonly string[],
  optional: readonly string[] = [],
): Record<string, string> | null {
  const value = (name: string) => (env[name] ?? '').trim();
  const present = required.filter((name) => value(name) !== '');
  if (present.length === 0) {
    const stray = optional.filter((name) => value(name) !== '');
    if (stray.length > 0)
      throw new SigningConfigurationError(`${stray.join(', ')} set without ${required.join(' and ')}`);
    return null;
  }
  const missing = required.filter((name) => value(name) === '');
  if (missing.length > 0)
    throw new SigningConfigurationError(
      `${present.join(', ')} set without ${missing.join(', ')}: sign completely or not at all`,
    );
  return Object.fromEntries(
    [...required, ...optional].filter((name) => value(name) !== '').map((name) => [name, value(name)]),
  );
}

export function signingConfiguration(env: SigningEnvironment): SigningConfiguration {
  const configuration: SigningConfiguration = {};

  const certificate = group(env, ['WINDOWS_CERTIFICATE_FILE', 'WINDOWS_CERTIFICATE_PASSWORD']);
  const params = group(env, ['WINDOWS_SIGN_WITH_PARAMS']);
  if (certificate && params)
    throw new SigningConfigurationError(
      'WINDOWS_CERTIFICATE_FILE and WINDOWS_SIGN_WITH_PARAMS are two ways to sign: set one',
    );
  const windowsTools = {
    timestampServer: (env.WINDOWS_TIMESTAMP_SERVER ?? '').trim(),
    signToolPath: (env.WINDOWS_SIGNTOOL_PATH ?? '').trim(),
  };
  if (certificate || params) {
    configuration.windowsSign = {
      ...(certificate
        ? {
            certificateFile: certificate.WINDOWS_CERTIFICATE_FILE,
            certificatePassword: certificate.WINDOWS_CERTIFICATE_PASSWORD,
          }
        : {}),
      ...(params ? { signWithParams: params.WINDOWS_SIGN_WITH_PARAMS } : {}),
      ...(windowsTools.timestampServer ? { timestampServer: windowsTools.timestampServer } : {}),
      ...(windowsTools.signToolPath ? { signToolPath: windowsTools.signToolPath } : {}),
    };
  } else if (windowsTools.timestampServer || windowsTools.signToolPath) {
    throw new SigningConfigurationError(
      'WINDOWS_TIMESTAMP_SERVER or WINDOWS_SIGNTOOL_PATH set without a certificate (WINDOWS_CERTIFICATE_FILE or WINDOWS_SIGN_WITH_PARAMS)',
    );
  }

  const identity = group(env, ['APPLE_SIGNING_IDENTITY']);
  const apiKey = group(env, ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER']);
  const appleId = group(env, ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']);
  const keychain = group(env, ['APPLE_KEYCHAIN_PROFILE'], ['APPLE_KEYCHAIN']);
  const notarizations = [apiKey, appleId, keychain].filter((found) => found !== null);
  if (notarizations.length > 1)
    throw new SigningConfigurationError('More than one set of Apple notarization credentials: set one');
  if (notarizations.length > 0 && !identity)
    throw new SigningConfigurationError(
      'Apple notarization credentials set without APPLE_SIGNING_IDENTITY: only a signed app is notarized',
    );
  if (identity) configuration.osxSign = { identity: identity.APPLE_SIGNING_IDENTITY!, continueOnError: false };
  if (apiKey)
    configuration.osxNotarize = {
      appleApiKey: apiKey.APPLE_API_KEY!,
      appleApiKeyId: apiKey.APPLE_API_KEY_ID!,
      appleApiIssuer: apiKey.APPLE_API_ISSUER!,
    };
  if (appleId)
    configuration.osxNotarize = {
      appleId: appleId.APPLE_ID!,
      appleIdPassword: appleId.APPLE_APP_SPECIFIC_PASSWORD!,
      teamId: appleId.APPLE_TEAM_ID!,
    };
  if (keychain)
    configuration.osxNotarize = {
      keychainProfile: keychain.APPLE_KEYCHAIN_PROFILE!,
      ...(keychain.APPLE_KEYCHAIN ? { keychain: keychain.APPLE_KEYCHAIN } : {}),
    };
  return configuration;
}
