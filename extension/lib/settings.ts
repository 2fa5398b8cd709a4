/**
 * The connection to the companion, declared once. The token lives in the extension's private store,
 * out of reach of content scripts.
 * @module
 */
import { definePrivateItem } from './private-store.ts';

export interface Connection {
  url: string;
  token: string;
}

export const DEFAULT_COMPANION_URL = 'http://127.0.0.1:8787';

/** The companion URL and personal access token that worked at sign-in; null when signed out. */
export const connection = definePrivateItem<Connection>('connection');
