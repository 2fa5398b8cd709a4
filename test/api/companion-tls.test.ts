// The companion serving HTTPS itself (--tls-cert/--tls-key, env, config file): a real process, a client
// that trusts only the throw-away test CA, the public name on the Host allow-list, and clear start errors.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Me } from '#shared/api';
import { runCli, startCompanion, type CompanionProcess } from '../helpers/companion-process.ts';
import { makeTestCertificates, type TestCertificates } from '../helpers/test-ca.ts';

const TEAM_HOST = 'keys.team.test';
let certs: TestCertificates;
let otherCerts: TestCertificates;
let dataDir: string;
let aliceToken: string;
let companion: CompanionProcess | undefined;

beforeAll(async () => {
  [certs, otherCerts] = await Promise.all([
    makeTestCertificates([TEAM_HOST]),
    makeTestCertificates(['x.test']),
  ]);
});
afterAll(() => Promise.all([certs.remove(), otherCerts.remove()]));

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 's3keys-tls-'));
  expect((await runCli(['demo', '--data', dataDir])).code).toBe(0);
  aliceToken = JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8')).alice.token;
});
afterEach(async () => {
  await companion?.stop();
  companion = undefined;
});

interface HttpsAnswer {
  status: number;
  body: unknown;
}

/** GET over TLS to the companion's port, as `servername`, trusting only `ca`. */
function httpsGet(port: number, path: string, { ca = certs.caCert, servername = TEAM_HOST } = {}) {
  return new Promise<HttpsAnswer>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        servername,
        ca,
        agent: false,
        headers: { Host: `${servername}:${port}`, Authorization: `Bearer ${aliceToken}` },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function configFile(settings: object): Promise<string> {
  const file = join(dataDir, 'config.json');
  await writeFile(file, JSON.stringify(settings));
  return file;
}

describe('serving HTTPS', () => {
  it('with --tls-cert and --tls-key it prints an https URL and answers a client that trusts the CA, under its public name', async () => {
    const config = await configFile({ allowedHosts: [TEAM_HOST] });
    companion = await startCompanion(dataDir, [
      '--config',
      config,
      '--tls-cert',
      certs.certFile,
      '--tls-key',
      certs.keyFile,
    ]);
    expect(companion.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const me = await httpsGet(companion.port, '/api/v1/me');
    expect(me.status).toBe(200);
    expect(Me.parse(me.body).user.name).toBe('Alice');
    // Plain fetch against the printed URL, trusting nothing extra, fails the handshake: it is the test CA's.
    await expect(fetch(`${companion.url}/healthz`)).rejects.toThrow();
  });

  it('a client that does not trust the CA is refused at the handshake, before any request', async () => {
    companion = await startCompanion(dataDir, ['--tls-cert', certs.certFile, '--tls-key', certs.keyFile]);
    await expect(httpsGet(companion.port, '/healthz', { ca: otherCerts.caCert })).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('takes the files from S3KEYS_TLS_CERT / S3KEYS_TLS_KEY, or from the config keys tlsCert / tlsKey', async () => {
    const fromEnv = await configFile({ allowedHosts: [TEAM_HOST] });
    companion = await startCompanion(dataDir, ['--config', fromEnv], {
      S3KEYS_TLS_CERT: certs.certFile,
      S3KEYS_TLS_KEY: certs.keyFile,
    });
    expect(companion.url).toMatch(/^https:/);
    expect(await httpsGet(companion.port, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    await companion.stop();

    const fromFile = await configFile({
      allowedHosts: [TEAM_HOST],
      tlsCert: certs.certFile,
      tlsKey: certs.keyFile,
    });
    companion = await startCompanion(dataDir, ['--config', fromFile]);
    expect(companion.url).toMatch(/^https:/);
    expect(await httpsGet(companion.port, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
  });
});

describe('a certificate the companion cannot use stops the start with a message naming it', () => {
  const serve = (...args: string[]) => runCli(['serve', '--data', dataDir, '--port', '0', ...args]);

  it.each([
    [
      'a missing certificate file',
      () => ['--tls-cert', join(dataDir, 'nope.crt'), '--tls-key', certs.keyFile],
      /Cannot read the TLS certificate file .*nope\.crt \(no such file\)/,
    ],
    [
      'a missing key file',
      () => ['--tls-cert', certs.certFile, '--tls-key', join(dataDir, 'nope.key')],
      /Cannot read the TLS private key file .*nope\.key \(no such file\)/,
    ],
    [
      'a key that is not the certificate’s',
      () => ['--tls-cert', certs.certFile, '--tls-key', otherCerts.keyFile],
      /Cannot serve HTTPS with the certificate .*server\.crt and the key .*server\.key: .*key values mismatch/,
    ],
    [
      'a key file given as the certificate',
      () => ['--tls-cert', certs.keyFile, '--tls-key', certs.keyFile],
      /Cannot serve HTTPS with the certificate/,
    ],
    [
      'a certificate without its key',
      () => ['--tls-cert', certs.certFile],
      /give --tls-cert and --tls-key together/,
    ],
  ])('%s', async (_, args, message) => {
    const result = await serve(...args());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).not.toMatch(/listening/);
    // Nothing was started: the data directory is free for the next try.
    expect(existsSync(join(dataDir, 'companion.lock'))).toBe(false);
  });
});
