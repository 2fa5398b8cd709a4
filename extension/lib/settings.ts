/** The extension's stored settings, declared once. Extension storage is not readable by content scripts. */
export interface Connection {
  url: string;
  token: string;
}

export const DEFAULT_COMPANION_URL = 'http://127.0.0.1:8787';

export const connection = storage.defineItem<Connection | null>('local:connection', { fallback: null, version: 1 });
