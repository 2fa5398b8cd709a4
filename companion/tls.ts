/**
 * The certificate and key the companion serves HTTPS with (`--tls-cert`/`--tls-key`), read and checked
 * once at start so a wrong file stops the start with a message naming it, not the first handshake.
 * @module
 */
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { StartupError } from './startup-error.ts';

export interface TlsFiles {
  /** PEM certificate chain: the server's certificate first, then any intermediates. */
  cert: Buffer;
  /** PEM private key of that certificate. */
  key: Buffer;
}

/** Reads `certFile` and `keyFile` and checks that they are a PEM certificate and its matching key. */
export function loadTlsFiles(certFile: string, keyFile: string): TlsFiles {
  const files = { cert: read(certFile, 'certificate'), key: read(keyFile, 'private key') };
  try {
    createSecureContext(files);
  } catch (error) {
    throw new StartupError(
      `Cannot serve HTTPS with the certificate ${certFile} and the key ${keyFile}: ${(error as Error).message}. ` +
        'Give a PEM certificate and the PEM private key that belongs to it.',
    );
  }
  return files;
}

function read(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code;
    throw new StartupError(`Cannot read the TLS ${what} file ${file} (${reason}).`);
  }
}
