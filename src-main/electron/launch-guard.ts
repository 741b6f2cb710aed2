/**
 * Command-line switches that open the app to another program: Chromium's remote debugging (a
 * DevTools endpoint any local process can drive, reading every page and answer) and Node's
 * inspector, V8 flags and DevTools opened at start. The fuses (forge.config.ts) turn off Node's
 * inspector switches in the packaged binary; none covers Chromium's remote debugging. A packaged
 * app that finds any of them says so and quits before anything opens (main.ts).
 */
const EXACT_SWITCHES = [
  'js-flags',
  'auto-open-devtools-for-tabs',
  'remote-allow-origins',
  'experimental-network-inspection',
] as const;
/** Every switch of these families: remote-debugging-port, -pipe, -address...; inspect, inspect-brk, inspect-port...; debug-port... */
const SWITCH_FAMILIES = ['remote-debugging', 'inspect', 'debug'] as const;
/** The names Electron's own parser can be asked about (app.commandLine.hasSwitch). */
export const DEBUGGING_SWITCHES: readonly string[] = [
  ...EXACT_SWITCHES,
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-wait',
  'inspect-publish-uid',
  'inspect-brk-node',
  'debug',
  'debug-brk',
  'debug-port',
];

function isDebuggingSwitch(name: string): boolean {
  return (
    (EXACT_SWITCHES as readonly string[]).includes(name) ||
    SWITCH_FAMILIES.some((family) => name === family || name.startsWith(`${family}-`))
  );
}

/**
 * The debugging switches among the app's arguments, as `--name`. Read the way Chromium reads
 * them: `--name`, `-name` or, on Windows, `/name`, with or without `=value`; the name in any case
 * (Windows ignores it) and anywhere in the line, even after a `--`: refusing costs nothing there.
 */
export function debuggingSwitches(
  argv: readonly string[],
  options: { platform: NodeJS.Platform; hasSwitch?: (name: string) => boolean },
): string[] {
  const prefixes = options.platform === 'win32' ? ['--', '-', '/'] : ['--', '-'];
  const found = new Set<string>();
  // argv[0] is the executable itself.
  for (const argument of argv.slice(1)) {
    const prefix = prefixes.find((p) => argument.startsWith(p) && argument.length > p.length);
    if (!prefix) continue;
    const name = argument.slice(prefix.length).split('=')[0]!.toLowerCase();
    if (isDebuggingSwitch(name)) found.add(`--${name}`);
  }
  for (const name of DEBUGGING_SWITCHES) if (options.hasSwitch?.(name)) found.add(`--${name}`);
  return [...found];
}
