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

export function createLogger(
  write: (line: string) => void = batchedLines((text) => process.stderr.write(text)),
): Logger {
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

/** How long a line may wait: a busy companion then writes about a hundred times a second. */
const MAX_WAIT_MS = 10;
/** Past this many characters waiting, they are written at once. */
const MAX_PENDING = 16_384;

/**
 * Lines to stderr, gathered and written together. Node writes to a pipe or a file synchronously, and a
 * write wakes whoever reads the pipe: once per turn of the event loop, the access log alone cost a
 * loaded companion about 5 % of its throughput (`npm run bench -- readThroughput`). After a quiet spell a
 * line is written on the next turn; under load, at most every MAX_WAIT_MS. What is still pending at exit
 * is written then; a `kill -9` loses at most those last milliseconds of lines.
 */
export function batchedLines(write: (text: string) => void): (line: string) => void {
  let pending = '';
  let scheduled = false;
  let writtenAt = Number.NEGATIVE_INFINITY;
  const flush = () => {
    scheduled = false;
    writtenAt = performance.now();
    if (pending === '') return;
    const text = pending;
    pending = '';
    write(text);
  };
  process.on('exit', flush);
  return (line) => {
    pending += `${line}\n`;
    if (pending.length >= MAX_PENDING) return flush();
    if (scheduled) return;
    scheduled = true;
    const wait = writtenAt + MAX_WAIT_MS - performance.now();
    if (wait > 0) setTimeout(flush, wait).unref();
    else setImmediate(flush);
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
