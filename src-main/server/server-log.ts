/**
 * The server's log: one JSON line per event, for the zone's log collector. It carries no personal
 * data: which workstation, which path or channel, the status and the time taken, never a request's
 * body or an answer. An error keeps its class, code and stack frames, without its message (a
 * database error's message may quote the values it refused).
 */
export interface ServerLog {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  /** An unexpected error, without its message. */
  failure(event: string, error: unknown, fields?: Record<string, unknown>): void;
  request(fields: { method?: string; path: string; status: number; ms: number; workstation: string }): void;
  /** The core's own log (createAppCore's `log`), made safe the same way. */
  core(message: string, error?: unknown): void;
}

export function createServerLog(write: (line: string) => void = (line) => process.stdout.write(line)): ServerLog {
  const emit = (level: string, event: string, fields: Record<string, unknown> = {}) =>
    write(`${JSON.stringify({ at: new Date().toISOString(), level, event, ...fields })}\n`);
  return {
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
    failure: (event, error, fields) => emit('error', event, { ...fields, ...describeError(error) }),
    request: (fields) => emit('info', 'request', { ...fields, ms: Math.round(fields.ms * 10) / 10 }),
    core: (message, error) =>
      // The core's messages name what failed ("Channel hearings.save failed"), not what was sent.
      emit('error', 'core', { message, ...(error === undefined ? {} : describeError(error)) }),
  };
}

function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    error: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    stack: (error.stack ?? '')
      .split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .slice(0, 12)
      .map((line) => line.trim()),
  };
}
