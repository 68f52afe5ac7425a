/**
 * A small structured logger. It is given messages and identifiers only: request bodies and
 * case content never reach it, so no personal data can end up in the logs.
 */
const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof levels;

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(name: string, level: LogLevel = 'info'): Logger {
  const write = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (levels[at] < levels[level]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level: at, name, message, ...fields });
    (at === 'error' || at === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** An error reduced to what is safe and useful to log. */
export function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: String(err) };
  const causes = causesOf(err);
  return {
    error: err.name,
    detail: err.message,
    ...(causes.length > 0 && { causes }),
    stack: err.stack,
  };
}

/**
 * What `err` was caused by, outermost first: an SDK error names only itself ("Failed to query
 * Workflow"), and the gRPC status that says why is on its cause.
 */
function causesOf(err: Error): Record<string, unknown>[] {
  const causes: Record<string, unknown>[] = [];
  for (let e = err.cause; e instanceof Error && causes.length < 5; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    causes.push({ error: e.name, detail: e.message, ...(code !== undefined && { code }) });
  }
  return causes;
}
