/**
 * The extension's only caller of the companion: typed requests, and failures turned into errors
 * that say what happened (unreachable, or the contract's error code and message).
 * @module
 */
import { ErrorBody, Me } from '#shared/api';
import type { Connection } from './settings.ts';

export class CompanionError extends Error {
  override name = 'CompanionError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class CompanionUnreachableError extends Error {
  override name = 'CompanionUnreachableError';
}

export function createCompanionClient({ url, token }: Connection) {
  const base = url.replace(/\/+$/, '');
  async function request<T>(path: string, parse: (body: unknown) => T): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    } catch {
      throw new CompanionUnreachableError(`Cannot reach the companion at ${base}. Is it running? Start it with "npm start".`);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = ErrorBody.safeParse(body);
      if (error.success) throw new CompanionError(response.status, error.data.error.code, error.data.error.message);
      throw new CompanionError(response.status, 'unexpected_response', `The companion answered ${response.status} without an explanation.`);
    }
    return parse(body);
  }
  return {
    me: () => request('/api/v1/me', (body) => Me.parse(body)),
  };
}

/** A sentence for the user about why a call failed. */
export function describeFailure(error: unknown): string {
  if (error instanceof CompanionUnreachableError) return error.message;
  if (error instanceof CompanionError) {
    if (error.status === 401) return 'The companion did not accept this token. Paste a valid personal access token.';
    return error.message;
  }
  return `Something went wrong: ${(error as Error).message}`;
}
