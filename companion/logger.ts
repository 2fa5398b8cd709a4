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
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const at = (level: string) => (message: string) => write(`${new Date().toISOString()} ${level} ${message}`);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
