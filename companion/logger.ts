/**
 * A tiny line logger. Callers pass only what is safe to show: methods, paths, statuses, ids, counts —
 * never a header, body, token or secret.
 * @module
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLogger(write: (line: string) => void = batchedStderr()): Logger {
  const timestamp = clock();
  const at = (level: string) => (message: string) => write(`${timestamp()} ${level} ${message}`);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

/** The time as ISO 8601, written once per millisecond: under load many lines share one. */
function clock(): () => string {
  let writtenAt = Number.NaN;
  let written = '';
  return () => {
    const now = Date.now();
    if (now !== writtenAt) {
      writtenAt = now;
      written = new Date(now).toISOString();
    }
    return written;
  };
}

/**
 * Lines to stderr, gathered and written once per turn of the event loop: Node writes to a pipe or a
 * file synchronously, so a write per request cost a system call on every answer. What is still pending
 * at exit is written then.
 */
function batchedStderr(): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    process.stderr.write(text);
  };
  process.on('exit', flush);
  return (line) => {
    if (pending.push(`${line}\n`) === 1) setImmediate(flush);
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
