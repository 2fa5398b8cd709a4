/**
 * The control socket: a Unix socket in a private directory of the data directory (`control/`, 0700,
 * ours), where a running lowdb companion takes registry changes from the CLI (registry-changes.ts).
 * Only the data directory's owner can reach it — the same person who could edit the files with the
 * companion stopped — so it needs no token. One JSON line in (`{"change","args"}`), one JSON line out
 * (`{"ok":true,"result"}` or `{"ok":false,"message"}`).
 * @module
 */
import { lstat, mkdir, rm } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { ZodError } from 'zod';
import { DirectoryError } from '../directory/directory.ts';
import type { Logger } from '../logger.ts';
import type { RegistryStorage } from '../storage/registry-storage.ts';
import { applyChange, REGISTRY_CHANGES, type ChangeName } from './registry-changes.ts';

const MAX_REQUEST_BYTES = 64 * 1024;
const CLIENT_TIMEOUT_MS = 10_000;

/** The control socket of the companion running on `dataDir`. */
export const controlSocketPath = (dataDir: string) => join(dataDir, 'control', 'companion.sock');

/** Whether the socket's directory is a directory of this user that no one else may enter. */
async function isPrivateDir(dir: string): Promise<boolean> {
  const info = await lstat(dir).catch(() => null);
  const uid = process.getuid?.();
  return !!info && info.isDirectory() && (uid === undefined || info.uid === uid) && (info.mode & 0o077) === 0;
}

export interface ControlSocket {
  close(): Promise<void>;
}

/**
 * Listens on the control socket of `dataDir`, whose data lock the caller holds. Returns null, after a
 * warning, when it cannot (the CLI then asks to stop the companion, as before).
 */
export async function serveControlSocket(
  dataDir: string,
  storage: RegistryStorage,
  logger: Logger,
): Promise<ControlSocket | null> {
  const path = controlSocketPath(dataDir);
  const dir = join(dataDir, 'control');
  await mkdir(dir, { mode: 0o700 }).catch(() => undefined);
  if (!(await isPrivateDir(dir))) {
    logger.warn(
      `control: ${dir} is not a directory of this user closed to others; the CLI cannot change the registry while this companion runs`,
    );
    return null;
  }
  // A socket left by a companion that was killed: this one holds the data lock, so no one else listens.
  await rm(path, { force: true });
  const server = createServer((socket) => answer(socket, storage, logger));
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', (error) => {
      logger.warn(
        `control: cannot listen on ${path} (${(error as NodeJS.ErrnoException).code ?? error.message}); the CLI cannot change the registry while this companion runs`,
      );
      resolve(false);
    });
    server.listen(path, () => resolve(true));
  });
  if (!listening) return null;
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function answer(socket: Socket, storage: RegistryStorage, logger: Logger) {
  let received = '';
  const reply = (body: object) => socket.end(`${JSON.stringify(body)}\n`);
  socket.setEncoding('utf8');
  socket.on('error', () => undefined);
  socket.on('data', function onData(chunk: string) {
    received += chunk;
    const end = received.indexOf('\n');
    if (end === -1 && received.length <= MAX_REQUEST_BYTES) return;
    socket.off('data', onData);
    if (end === -1) return reply({ ok: false, message: 'The request is too large.' });
    void run(received.slice(0, end), storage, logger).then(reply);
  });
}

async function run(line: string, storage: RegistryStorage, logger: Logger): Promise<object> {
  let name: unknown;
  try {
    const request = JSON.parse(line) as { change?: unknown; args?: unknown };
    name = request.change;
    if (typeof name !== 'string' || !Object.hasOwn(REGISTRY_CHANGES, name))
      return { ok: false, message: `Unknown change "${String(name)}".` };
    const result = await applyChange(storage, name as ChangeName, request.args);
    logger.info(`control: ${name} applied for the CLI`);
    return { ok: true, result };
  } catch (error) {
    if (error instanceof DirectoryError) return { ok: false, message: error.message };
    if (error instanceof SyntaxError || error instanceof ZodError)
      return { ok: false, message: 'The request is malformed.' };
    logger.error(`control: ${String(name)} failed: ${(error as Error).name}`);
    return { ok: false, message: 'The companion could not apply the change; see its log.' };
  }
}

/**
 * Hands a change to the companion running on `dataDir`. Resolves with `{ result }`, or null when no
 * companion listens there; a refusal (no such user, say) throws a DirectoryError with its message.
 */
export async function sendToRunningCompanion(
  dataDir: string,
  name: ChangeName,
  args: unknown,
): Promise<{ result: unknown } | null> {
  // A socket is trusted only in our own closed directory: another user could otherwise plant one.
  if (!(await isPrivateDir(join(dataDir, 'control')))) return null;
  const socket = connect(controlSocketPath(dataDir));
  socket.setEncoding('utf8');
  socket.setTimeout(CLIENT_TIMEOUT_MS);
  const line = await new Promise<string | null>((resolve, reject) => {
    let received = '';
    socket.once('connect', () => socket.write(`${JSON.stringify({ change: name, args })}\n`));
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.once('end', () => resolve(received));
    socket.once('timeout', () => {
      socket.destroy();
      reject(new DirectoryError('The running companion did not answer within 10 s; see its log.'));
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      // No socket, or one left by a companion that is gone: there is no one to hand the change to.
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(null);
      else reject(error);
    });
  });
  if (line === null) return null;
  const reply = JSON.parse(line) as { ok: boolean; result?: unknown; message?: string };
  if (!reply.ok) throw new DirectoryError(reply.message ?? 'The running companion refused the change.');
  return { result: reply.result };
}
