// Every row of API.md, success and error, driven in-process through the real app and key service, on
// each registry storage: lowdb and PostgreSQL (a real server, a fresh schema per test).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, ErrorBody, Me, RegionCheck, RegionKey, RegionList, Secret } from '#shared/api';
import { EXTENSION_ORIGIN, startInProcess, type InProcess } from '../helpers/in-process.ts';
import { STORAGE_KINDS, usePostgresForFile } from '../helpers/test-storage.ts';

usePostgresForFile();

describe.each(STORAGE_KINDS)('on %s', (storage) => {
  let api: InProcess;
  beforeEach(async () => {
    api = await startInProcess({ storage });
  });
  afterEach(async () => {
    await api.close();
  });

  async function expectError(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    const body = ErrorBody.parse(await response.json());
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(20);
    return body;
  }

  const createKey = (who = 'alice', region = 'demo-north-1') =>
    api.call(who, `/api/v1/regions/${region}/key`, { body: {} });

  describe('request hygiene', () => {
    it('when Host is not loopback with our port, then 403 host_not_allowed', async () => {
      await expectError(
        await api.call('alice', '/api/v1/me', { headers: { Host: 'evil.example:8787' } }),
        403,
        'host_not_allowed',
      );
      await expectError(
        await api.call('alice', '/api/v1/me', { headers: { Host: '127.0.0.1:9999' } }),
        403,
        'host_not_allowed',
      );
      for (const host of ['localhost:8787', '[::1]:8787'])
        expect((await api.call('alice', '/api/v1/me', { headers: { Host: host } })).status).toBe(200);
    });

    it('when a POST comes from a web origin, then 403 origin_not_allowed and nothing is created', async () => {
      await expectError(
        await api.call('alice', '/api/v1/regions/demo-north-1/key', {
          body: {},
          headers: { Origin: 'https://evil.example' },
        }),
        403,
        'origin_not_allowed',
      );
      expect(await api.keyRecords()).toHaveLength(0);
      expect(
        (
          await api.call('alice', '/api/v1/regions/demo-north-1/key', {
            body: {},
            headers: { Origin: EXTENSION_ORIGIN },
          })
        ).status,
      ).toBe(201);
    });

    it('when a POST is not application/json, then 415', async () => {
      await expectError(
        await api.call('alice', '/api/v1/regions/demo-north-1/key', {
          body: '{}',
          headers: { 'Content-Type': 'text/plain' },
        }),
        415,
        'unsupported_media_type',
      );
      await expectError(
        await api.call('alice', '/api/v1/regions/demo-north-1/key', { method: 'POST' }),
        415,
        'unsupported_media_type',
      );
    });

    it('when the body is over 16 KiB, then 413', async () => {
      await expectError(
        await api.call('alice', '/api/v1/regions/demo-north-1/key/reset', {
          body: { accessKeyId: 'x'.repeat(17 * 1024) },
        }),
        413,
        'payload_too_large',
      );
    });

    it('when the body is not JSON, then 400 invalid_json', async () => {
      await expectError(
        await api.call('alice', '/api/v1/regions/demo-north-1/key', { body: '{nope' }),
        400,
        'invalid_json',
      );
    });

    it('when the JSON has unknown, missing or mistyped fields, then 400 invalid_request', async () => {
      await expectError(
        await api.call('alice', '/api/v1/regions/demo-north-1/key', { body: { extra: 1 } }),
        400,
        'invalid_request',
      );
      await expectError(
        await api.call('alice', '/api/v1/regions/demo-north-1/key/reset', { body: {} }),
        400,
        'invalid_request',
      );
      await expectError(
        await api.call('alice', '/api/v1/regions/demo-north-1/key/reset', { body: { accessKeyId: 5 } }),
        400,
        'invalid_request',
      );
      await expectError(await api.call('alice', '/api/v1/audit?limit=zero'), 400, 'invalid_request');
      expect(await api.keyRecords()).toHaveLength(0);
    });

    it('when the path is unknown, then 404 not_found, even without a token', async () => {
      await expectError(await api.call(null, '/api/v1/nothing'), 404, 'not_found');
      await expectError(await api.call('alice', '/'), 404, 'not_found');
    });

    it('when a known path gets another method, then 405 with Allow', async () => {
      const response = await api.call('alice', '/api/v1/regions', { method: 'PUT' });
      await expectError(response, 405, 'method_not_allowed');
      expect(response.headers.get('allow')).toBe('GET, HEAD');
    });

    it('when the companion fails inside, then 500 internal_error without stack or secrets', async () => {
      api.backend.ensureUser = async () => {
        throw new TypeError('boom at /secret/place');
      };
      const response = await createKey();
      const body = await expectError(response, 500, 'internal_error');
      expect(JSON.stringify(body)).not.toMatch(/boom|at \/|TypeError/);
    });

    it('GET /healthz answers without a token', async () => {
      const response = await api.call(null, '/healthz');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    });
  });

  describe('authentication and roles', () => {
    it('when the token is missing, malformed or unknown, then 401 unauthorized', async () => {
      await expectError(await api.call(null, '/api/v1/me'), 401, 'unauthorized');
      await expectError(
        await api.call(null, '/api/v1/me', { headers: { Authorization: 'Bearer nope' } }),
        401,
        'unauthorized',
      );
      const forged = `${api.tokens.alice!.token.slice(0, -4)}AAAA`;
      await expectError(
        await api.call(null, '/api/v1/me', { headers: { Authorization: `Bearer ${forged}` } }),
        401,
        'unauthorized',
      );
    });

    it('when the token was revoked, then 401', async () => {
      const tokens = await api.storage.listTokens();
      await api.storage.revokeTokens(
        tokens.map((t) => t.id),
        new Date().toISOString(),
      );
      await expectError(await api.call('alice', '/api/v1/me'), 401, 'unauthorized');
    });

    it('when a client keeps sending no token or a malformed one, then 429 with Retry-After; a valid token still works', async () => {
      await api.close();
      api = await startInProcess({ storage, authFailureLimit: { maxFailures: 3, windowSeconds: 60 } });
      for (const authorization of [undefined, 'Bearer wrong', 'Bearer wrong'])
        await expectError(
          await api.call(null, '/api/v1/me', {
            headers: authorization ? { Authorization: authorization } : {},
          }),
          401,
          'unauthorized',
        );
      const response = await api.call(null, '/api/v1/me', { headers: { Authorization: 'Bearer wrong' } });
      await expectError(response, 429, 'too_many_requests');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await api.call('alice', '/api/v1/me')).status).toBe(200);
    });

    it('when a well-formed token keeps failing, then that token id gets 429; the valid token and other users still work', async () => {
      await api.close();
      api = await startInProcess({
        storage,
        authFailureLimit: { maxFailures: 3, windowSeconds: 60, globalMaxFailures: 5 },
      });
      const forged = (token: string) => `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
      const as = (token: string) =>
        api.call(null, '/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
      for (let i = 0; i < 3; i++)
        await expectError(await as(forged(api.tokens.alice!.token)), 401, 'unauthorized');
      await expectError(await as(forged(api.tokens.alice!.token)), 429, 'too_many_requests');
      expect((await api.call('alice', '/api/v1/me')).status).toBe(200);
      // Another token id has its own count, up to the global cap (5 failures in all).
      for (let i = 0; i < 2; i++)
        await expectError(await as(forged(api.tokens.bob!.token)), 401, 'unauthorized');
      await expectError(await as(forged(api.tokens.carol!.token)), 429, 'too_many_requests');
      expect((await api.call('carol', '/api/v1/me')).status).toBe(200);
    });

    it('GET /api/v1/me answers every role', async () => {
      for (const [who, role, canManageKeys] of [
        ['alice', 'admin', true],
        ['bob', 'member+', true],
        ['carol', 'member', false],
      ] as const) {
        const me = Me.parse(await (await api.call(who, '/api/v1/me')).json());
        expect(me.user.role).toBe(role);
        expect(me.account.name).toBe('Demo');
        expect(me.canManageKeys).toBe(canManageKeys);
      }
    });

    it('a member gets 403 on every key and status route, and the refused write is audited', async () => {
      for (const [path, method] of [
        ['/api/v1/regions', 'GET'],
        ['/api/v1/regions/demo-north-1/key', 'GET'],
        ['/api/v1/regions/demo-north-1/key', 'POST'],
        ['/api/v1/regions/demo-north-1/key/reset', 'POST'],
        ['/api/v1/status', 'GET'],
        ['/api/v1/audit', 'GET'],
      ]) {
        await expectError(
          await api.call('carol', path!, { method, body: method === 'POST' ? {} : undefined }),
          403,
          'forbidden',
        );
      }
      expect(await api.keyRecords()).toHaveLength(0);
      const { events } = AuditLog.parse(await (await api.call('alice', '/api/v1/audit')).json());
      expect(events.filter((e) => e.code === 'forbidden').map((e) => e.action)).toEqual([
        'key.reset',
        'key.create',
      ]);
    });

    it('the audit log is admin only: member+ gets 403', async () => {
      await expectError(await api.call('bob', '/api/v1/audit'), 403, 'forbidden');
      expect((await api.call('bob', '/api/v1/regions')).status).toBe(200);
    });

    it("another account's keys and audit are never visible", async () => {
      const secret = Secret.parse(await (await createKey('alice')).json());
      await expectError(await api.call('dave', '/api/v1/regions/demo-north-1/key'), 404, 'key_not_found');
      const { regions } = RegionList.parse(await (await api.call('dave', '/api/v1/regions')).json());
      expect(regions.find((r) => r.id === 'demo-north-1')).toMatchObject({
        status: 'NOT_CONFIGURED',
        key: null,
      });
      const { events } = AuditLog.parse(await (await api.call('dave', '/api/v1/audit')).json());
      expect(events).toEqual([]);
      expect(JSON.stringify(regions)).not.toContain(secret.accessKeyId);
      // Dave's account gets its own pair in the same region.
      expect((await createKey('dave')).status).toBe(201);
    });
  });

  describe('regions and keys', () => {
    it('lists every region with its status before and after a create', async () => {
      let { regions } = RegionList.parse(await (await api.call('bob', '/api/v1/regions')).json());
      expect(regions.map((r) => [r.id, r.status, r.serviceAvailable])).toEqual([
        ['demo-north-1', 'NOT_CONFIGURED', true],
        ['demo-south-1', 'NOT_CONFIGURED', true],
        ['demo-east-1', 'SERVICE_UNAVAILABLE', false],
      ]);
      const secret = Secret.parse(await (await createKey('bob')).json());
      ({ regions } = RegionList.parse(await (await api.call('alice', '/api/v1/regions')).json()));
      expect(regions[0]).toMatchObject({
        status: 'CONFIGURED',
        key: {
          accessKeyId: secret.accessKeyId,
          createdBy: expect.stringMatching(/^usr_/),
          lastResetAt: null,
        },
      });
    });

    it('create returns the pair once, in AWS shapes, and it works on the service', async () => {
      const response = await createKey();
      expect(response.status).toBe(201);
      const secret = Secret.parse(await response.json());
      expect(secret.region).toBe('demo-north-1');
      expect(secret.accessKeyId).toMatch(/^[A-Z0-9]{20}$/);
      expect(secret.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
      expect(api.backend.accepts(secret.accessKeyId, secret.secretAccessKey)).toBe(true);
      const key = RegionKey.parse(await (await api.call('alice', '/api/v1/regions/demo-north-1/key')).json());
      expect(key).toMatchObject({ region: 'demo-north-1', accessKeyId: secret.accessKeyId });
      expect(JSON.stringify(key)).not.toContain(secret.secretAccessKey);
    });

    it('create refuses: unknown region 404, existing key 409, no service 409, backend down 502 leaving nothing', async () => {
      await expectError(await createKey('alice', 'mars-1'), 404, 'region_not_found');
      await createKey();
      await expectError(await createKey('bob'), 409, 'key_exists');
      await expectError(await createKey('alice', 'demo-east-1'), 409, 'service_unavailable');
      api.backend.failing.add('addKey');
      await expectError(await createKey('alice', 'demo-south-1'), 502, 'backend_unavailable');
      expect((await api.keyRecords()).filter((k) => k.regionId === 'demo-south-1')).toHaveLength(0);
      expect([...api.backend.users.values()].reduce((n, keys) => n + keys.size, 0)).toBe(1);
    });

    it('GET key: 404 region_not_found and key_not_found', async () => {
      await expectError(await api.call('alice', '/api/v1/regions/mars-1/key'), 404, 'region_not_found');
      await expectError(await api.call('alice', '/api/v1/regions/demo-north-1/key'), 404, 'key_not_found');
    });

    it('reset replaces the pair: the old one stops working, the new one works, dates are kept', async () => {
      const first = Secret.parse(await (await createKey()).json());
      const response = await api.call('bob', '/api/v1/regions/demo-north-1/key/reset', {
        body: { accessKeyId: first.accessKeyId },
      });
      expect(response.status).toBe(200);
      const next = Secret.parse(await response.json());
      expect(next.accessKeyId).not.toBe(first.accessKeyId);
      expect(api.backend.accepts(first.accessKeyId, first.secretAccessKey)).toBe(false);
      expect(api.backend.accepts(next.accessKeyId, next.secretAccessKey)).toBe(true);
      const key = RegionKey.parse(await (await api.call('alice', '/api/v1/regions/demo-north-1/key')).json());
      expect(key).toMatchObject({
        accessKeyId: next.accessKeyId,
        createdAt: first.createdAt,
        lastResetAt: next.createdAt,
        lastResetBy: expect.stringMatching(/^usr_/),
        // Names, so a teammate's browser can say who did it (the seeded demo users are Alice and Bob).
        createdByName: 'Alice',
        lastResetByName: 'Bob',
      });
      const { regions } = RegionList.parse(await (await api.call('alice', '/api/v1/regions')).json());
      expect(regions.find((r) => r.id === 'demo-north-1')?.key).toMatchObject({
        createdByName: 'Alice',
        lastResetByName: 'Bob',
      });
    });

    it('reset refuses: stale key 409, no key 404, unknown region 404, backend down 502 with the old pair still working', async () => {
      await expectError(
        await api.call('alice', '/api/v1/regions/demo-north-1/key/reset', {
          body: { accessKeyId: 'AAAAAAAAAAAAAAAAAAAA' },
        }),
        404,
        'key_not_found',
      );
      await expectError(
        await api.call('alice', '/api/v1/regions/mars-1/key/reset', {
          body: { accessKeyId: 'AAAAAAAAAAAAAAAAAAAA' },
        }),
        404,
        'region_not_found',
      );
      const first = Secret.parse(await (await createKey()).json());
      await expectError(
        await api.call('alice', '/api/v1/regions/demo-north-1/key/reset', {
          body: { accessKeyId: 'AAAAAAAAAAAAAAAAAAAA' },
        }),
        409,
        'stale_key',
      );
      api.backend.failing.add('removeKey');
      await expectError(
        await api.call('alice', '/api/v1/regions/demo-north-1/key/reset', {
          body: { accessKeyId: first.accessKeyId },
        }),
        502,
        'backend_unavailable',
      );
      expect(api.backend.accepts(first.accessKeyId, first.secretAccessKey)).toBe(true);
      const records = await api.keyRecords();
      expect([...api.backend.users.get(records[0]!.accountId)!.keys()]).toEqual([first.accessKeyId]);
      expect(records.filter((k) => k.state === 'current').map((k) => k.accessKeyId)).toEqual([
        first.accessKeyId,
      ]);
    });

    it('DELETE is refused with 405 delete_not_supported and Allow: GET, POST; the key stays', async () => {
      const first = Secret.parse(await (await createKey()).json());
      const response = await api.call('alice', '/api/v1/regions/demo-north-1/key', { method: 'DELETE' });
      const body = await expectError(response, 405, 'delete_not_supported');
      expect(response.headers.get('allow')).toBe('GET, POST');
      expect(body.error.message).toMatch(/cannot be deleted.*reset/);
      expect(api.backend.accepts(first.accessKeyId, first.secretAccessKey)).toBe(true);
    });

    it('status checks every region; keyVerified is null without a key', async () => {
      await createKey();
      const body = (await (await api.call('alice', '/api/v1/status')).json()) as { regions: unknown[] };
      const checks = body.regions.map((r) => RegionCheck.parse(r));
      expect(checks.map((c) => [c.id, c.keyVerified])).toEqual([
        ['demo-north-1', true],
        ['demo-south-1', null],
        ['demo-east-1', null],
      ]);
    });

    it('audit lists creates, resets and refusals, newest first, with limit, and no secret', async () => {
      const first = Secret.parse(await (await createKey()).json());
      await createKey('bob');
      const next = Secret.parse(
        await (
          await api.call('alice', '/api/v1/regions/demo-north-1/key/reset', {
            body: { accessKeyId: first.accessKeyId },
          })
        ).json(),
      );
      const response = await api.call('alice', '/api/v1/audit?limit=10');
      const text = await response.text();
      const { events } = AuditLog.parse(JSON.parse(text));
      expect(events.map((e) => [e.action, e.outcome, e.code])).toEqual([
        ['key.reset', 'success', null],
        ['key.create', 'refused', 'key_exists'],
        ['key.create', 'success', null],
      ]);
      expect(events[0]!.accessKeyId).toBe(next.accessKeyId);
      expect(text).not.toContain(first.secretAccessKey);
      expect(text).not.toContain(next.secretAccessKey);
      const limited = AuditLog.parse(await (await api.call('alice', '/api/v1/audit?limit=1')).json());
      expect(limited.events).toHaveLength(1);
    });
  });

  describe('idempotency', () => {
    const withKey = (
      key: string,
      body: unknown = {},
      who = 'alice',
      path = '/api/v1/regions/demo-north-1/key',
    ) => api.call(who, path, { body, headers: { 'Idempotency-Key': key } });

    it('when the same request is replayed, then the first answer comes back and nothing happens twice', async () => {
      const first = await withKey('k-1');
      const again = await withKey('k-1');
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual(await first.json());
      expect(await api.keyRecords()).toHaveLength(1);
    });

    it('when the key is reused with another body or path, then 422', async () => {
      await withKey('k-2');
      await expectError(await withKey('k-2', { extra: true }), 422, 'idempotency_key_reused');
      await expectError(
        await withKey('k-2', { accessKeyId: 'X' }, 'alice', '/api/v1/regions/demo-north-1/key/reset'),
        422,
        'idempotency_key_reused',
      );
    });

    it('when the first request is still running, then 409 in flight', async () => {
      let open!: () => void;
      api.backend.gate = new Promise((resolve) => (open = resolve));
      const first = withKey('k-3');
      await new Promise((resolve) => setTimeout(resolve, 20));
      await expectError(await withKey('k-3'), 409, 'idempotency_key_in_flight');
      open();
      expect((await first).status).toBe(201);
    });

    it('keys are per user: the same key from another user is a new request', async () => {
      await withKey('k-4');
      await expectError(await withKey('k-4', {}, 'bob'), 409, 'key_exists');
    });

    it('when the header is malformed, then 400 invalid_request', async () => {
      await expectError(await withKey('x'.repeat(256)), 400, 'invalid_request');
      expect(await api.keyRecords()).toHaveLength(0);
    });

    it('a 502 is not kept: a retry with the same key runs again', async () => {
      api.backend.failing.add('addKey');
      await expectError(await withKey('k-5'), 502, 'backend_unavailable');
      api.backend.failing.clear();
      expect((await withKey('k-5')).status).toBe(201);
    });
  });

  describe('the secret is shown once', () => {
    it('after a create, no later response holds the secret', async () => {
      const secret = Secret.parse(await (await createKey()).json());
      const later = await Promise.all(
        [
          '/api/v1/regions',
          '/api/v1/regions/demo-north-1/key',
          '/api/v1/status',
          '/api/v1/audit',
          '/api/v1/me',
        ].map(async (path) => (await api.call('alice', path)).text()),
      );
      later.push(await (await createKey()).text());
      for (const text of later) expect(text).not.toContain(secret.secretAccessKey);
      const stored: unknown[] = [await api.keyRecords()];
      for (const account of await api.storage.listAccounts())
        stored.push(await api.storage.auditPage(account.id, { limit: 1000 }));
      expect(JSON.stringify(stored)).not.toContain(secret.secretAccessKey);
    });
  });

  describe('error messages name what is wrong', () => {
    it('invalid_request says which field and why', async () => {
      const unknown = await expectError(
        await api.call('alice', '/api/v1/regions/demo-north-1/key', { body: { extra: 1 } }),
        400,
        'invalid_request',
      );
      expect(unknown.error.message).toMatch(/unknown field "extra"/);
      const missing = await expectError(
        await api.call('alice', '/api/v1/regions/demo-north-1/key/reset', { body: {} }),
        400,
        'invalid_request',
      );
      expect(missing.error.message).toMatch(/"accessKeyId" must be a string/);
    });
  });

  describe('regions name a bucket for forms (an addition to the contract)', () => {
    it('a region with a bucket lists it; the others say null', async () => {
      const [first] = await api.storage.listRegions();
      await api.storage.putRegion({ ...first!, bucket: 'photos' });
      const { regions } = RegionList.parse(await (await api.call('alice', '/api/v1/regions')).json());
      expect(regions.map((r) => [r.id, r.bucket])).toEqual([
        ['demo-north-1', 'photos'],
        ['demo-south-1', null],
        ['demo-east-1', null],
      ]);
    });
  });
});
