/**
 * The connection to the companion. It is stored as the `connection` item of `state.ts`, in the
 * extension's private store, out of reach of content scripts.
 * @module
 */

export interface Connection {
  url: string;
  token: string;
}

export const DEFAULT_COMPANION_URL = 'http://127.0.0.1:8787';
