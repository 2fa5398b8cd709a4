// Issue 14 item 8: a refused write whose audit cannot be written (a full disk) keeps its own answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorBody } from '#shared/api';
import { startInProcess, type InProcess } from '../helpers/in-process.ts';

describe('when the audit cannot be written (disk full)', () => {
  let api: InProcess;
  const logged: string[] = [];
  beforeEach(async () => {
    logged.length = 0;
    const line = (message: string) => void logged.push(message);
    api = await startInProcess({ logger: { info: line, warn: line, error: line } });
    api.storage.appendAudit = () =>
      Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
  });
  afterEach(() => api.close());

  const codeOf = async (response: Response) => ErrorBody.parse(await response.json()).error.code;

  it("a member's refused create and reset still get 403 forbidden; the failure is logged without the token", async () => {
    const create = await api.call('carol', '/api/v1/regions/demo-north-1/key', { body: {} });
    expect([create.status, await codeOf(create)]).toEqual([403, 'forbidden']);
    const reset = await api.call('carol', '/api/v1/regions/demo-north-1/key/reset', {
      body: { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA' },
    });
    expect([reset.status, await codeOf(reset)]).toEqual([403, 'forbidden']);
    const auditLines = logged.filter((l) => l.startsWith('audit:'));
    expect(auditLines).toHaveLength(2);
    expect(auditLines[0]).toContain('ENOSPC');
    expect(logged.join('\n')).not.toContain(api.tokens.carol!.token);
  });

  it('a refusal of the key service (unknown region, existing key) keeps its 404 and 409', async () => {
    const unknown = await api.call('alice', '/api/v1/regions/nowhere-1/key', { body: {} });
    expect([unknown.status, await codeOf(unknown)]).toEqual([404, 'region_not_found']);
    const created = await api.call('alice', '/api/v1/regions/demo-north-1/key', { body: {} });
    expect(created.status).toBe(201);
    const secret = ((await created.json()) as { secretAccessKey: string }).secretAccessKey;
    const again = await api.call('alice', '/api/v1/regions/demo-north-1/key', { body: {} });
    expect([again.status, await codeOf(again)]).toEqual([409, 'key_exists']);
    expect(logged.filter((l) => l.startsWith('audit:'))).toHaveLength(2);
    expect(logged.join('\n')).not.toContain(secret);
  });
});
