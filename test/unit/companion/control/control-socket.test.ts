import { mkdtemp, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  controlSocketPath,
  sendToRunningCompanion,
  serveControlSocket,
  type ControlSocket,
} from '../../../../companion/control/control-socket.ts';
import { seedDemo } from '../../../../companion/directory/demo.ts';
import { DirectoryError } from '../../../../companion/directory/directory.ts';
import { silentLogger } from '../../../../companion/logger.ts';
import { openMemoryStorage } from '../../../../companion/storage/lowdb-storage.ts';
import type { RegistryStorage } from '../../../../companion/storage/registry-storage.ts';

describe('the control socket', () => {
  let dataDir: string;
  let storage: RegistryStorage;
  let control: ControlSocket | null;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 's3keys-control-'));
    storage = await openMemoryStorage();
    await seedDemo(storage, '2026-01-01T00:00:00.000Z');
    control = await serveControlSocket(dataDir, storage, silentLogger);
  });
  afterEach(async () => {
    await control?.close();
    await storage.close();
  });

  /** One raw line to the socket, and the line it answers. */
  const rawLine = (text: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(controlSocketPath(dataDir), () => socket.end(text));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });

  it('lives in a directory closed to others and applies a change at once', async () => {
    expect((await stat(join(dataDir, 'control'))).mode & 0o077).toBe(0);
    const sent = await sendToRunningCompanion(dataDir, 'user.role', {
      user: 'bob@demo.example',
      role: 'member',
    });
    expect(sent?.result).toMatchObject({ email: 'bob@demo.example', role: 'member' });
    expect((await storage.findUser('bob@demo.example'))?.role).toBe('member');
  });

  it('refuses with the directory sentence, an unknown change, malformed or oversized requests, changing nothing', async () => {
    await expect(sendToRunningCompanion(dataDir, 'token.revoke', { tokenId: 'tok_nope' })).rejects.toThrow(
      new DirectoryError('There is no live token "tok_nope"; "token list" shows them.'),
    );
    expect(JSON.parse(await rawLine('{"change":"account.delete","args":{}}\n'))).toEqual({
      ok: false,
      message: 'Unknown change "account.delete".',
    });
    expect(
      JSON.parse(await rawLine('{"change":"user.role","args":{"user":"bob@demo.example","role":"root"}}\n')),
    ).toEqual({ ok: false, message: 'The request is malformed.' });
    expect(JSON.parse(await rawLine('x'.repeat(70 * 1024)))).toEqual({
      ok: false,
      message: 'The request is too large.',
    });
    expect((await storage.findUser('bob@demo.example'))?.role).toBe('member+');
  });

  it('when no companion listens, the CLI is told there is none', async () => {
    await control?.close();
    control = null;
    expect(await sendToRunningCompanion(dataDir, 'token.revoke', { user: 'alice@demo.example' })).toBeNull();
  });
});
