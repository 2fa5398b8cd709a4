/**
 * A throw-away CA and a server certificate for tests, made by the project's own
 * scripts/team/make-certs.sh in a temporary directory. Trust `caCert` in one client or browser only.
 */
import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './companion-process.ts';

const run = promisify(execFile);

export interface TestCertificates {
  dir: string;
  /** Paths of the files make-certs.sh wrote. */
  caCertFile: string;
  certFile: string;
  keyFile: string;
  /** The CA certificate (PEM), for a client's `ca` option. */
  caCert: string;
  /** Base64 SHA-256 of the server certificate's public key (SPKI), for Chromium's
   * `--ignore-certificate-errors-spki-list`. */
  spkiSha256: string;
  remove(): Promise<void>;
}

/** Makes a CA and a certificate for `names` (plus IP 127.0.0.1) with scripts/team/make-certs.sh. */
export async function makeTestCertificates(names: string[]): Promise<TestCertificates> {
  const dir = await mkdtemp(path.join(tmpdir(), 's3keys-certs-'));
  await run(path.join(ROOT, 'scripts/team/make-certs.sh'), [dir, ...names]);
  const certFile = path.join(dir, 'server.crt');
  const caCertFile = path.join(dir, 'ca.crt');
  const certificate = new X509Certificate(await readFile(certFile));
  const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
  return {
    dir,
    caCertFile,
    certFile,
    keyFile: path.join(dir, 'server.key'),
    caCert: await readFile(caCertFile, 'utf8'),
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
