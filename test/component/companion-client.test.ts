import { describe, expect, it, vi } from 'vitest';
import { createCompanionClient } from '@/lib/companion-client.ts';
import { CompanionError, describeFailure } from '@/lib/companion-error.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const SECRET = {
  region: 'r1',
  accessKeyId: 'AK',
  secretAccessKey: 'SK',
  createdAt: '2026-11-27T10:00:00.000Z',
};

function client(answer: (url: string, init: RequestInit) => Promise<Response>) {
  const fetch = vi.fn(answer);
  return {
    fetch,
    api: createCompanionClient(
      { url: 'http://127.0.0.1:8787/', token: 's3k_t' },
      { fetch: fetch as never, readTimeoutMs: 50 },
    ),
  };
}

describe('companion client', () => {
  it('creates with the bearer token, a JSON body and the Idempotency-Key', async () => {
    const { fetch, api } = client(async () => json(201, SECRET));
    expect(await api.createKey('r1', 'idem-1')).toEqual(SECRET);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:8787/api/v1/regions/r1/key');
    expect(init).toMatchObject({ method: 'POST', body: '{}' });
    const headers = Object.fromEntries([...new Headers(init.headers)].map(([k, v]) => [k.toLowerCase(), v]));
    expect(headers).toMatchObject({
      authorization: 'Bearer s3k_t',
      'content-type': 'application/json',
      'idempotency-key': 'idem-1',
    });
  });

  it('resets naming the key it replaces', async () => {
    const { fetch, api } = client(async () => json(200, SECRET));
    await api.resetKey('r1', 'AKOLD', 'idem-2');
    expect(fetch.mock.calls[0]![0]).toBe('http://127.0.0.1:8787/api/v1/regions/r1/key/reset');
    expect(fetch.mock.calls[0]![1].body).toBe('{"accessKeyId":"AKOLD"}');
  });

  it('turns an error body into a CompanionError carrying the contract code', async () => {
    const { api } = client(async () =>
      json(409, { error: { code: 'stale_key', message: 'Someone reset it.' } }),
    );
    await expect(api.resetKey('r1', 'AK', 'k')).rejects.toMatchObject({
      status: 409,
      code: 'stale_key',
      message: 'Someone reset it.',
      uncertain: false,
    });
  });

  it('says when the companion cannot be reached, or does not answer in time', async () => {
    await expect(
      client(async () => Promise.reject(new TypeError('Failed to fetch'))).api.me(),
    ).rejects.toMatchObject({ code: 'unreachable', uncertain: true });
    const slow = client(
      (_, init) =>
        new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason))),
    );
    await expect(slow.api.regions()).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/did not answer within 0.05 s/),
    });
  });

  it('does not trust an answer of the wrong shape', async () => {
    await expect(client(async () => json(200, { nope: true })).api.regions()).rejects.toMatchObject({
      code: 'unexpected_response',
    });
    await expect(client(async () => new Response('<html>', { status: 500 })).api.me()).rejects.toMatchObject({
      status: 500,
      code: 'unexpected_response',
      uncertain: true,
    });
  });

  it('describes a refused token as a sign-in problem', () => {
    expect(describeFailure(new CompanionError(401, 'unauthorized', 'x'))).toMatch(
      /did not accept this token/,
    );
  });
});
