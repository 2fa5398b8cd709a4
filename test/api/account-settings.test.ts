// The account's settings, in-process on each registry storage: every member reads the rotation
// reminder, only an admin sets it, a bad value is refused and changes nothing, and a refusal is audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountSettings, AuditLog, ErrorBody } from '#shared/api';
import { startInProcess, type InProcess } from '../helpers/in-process.ts';
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

  const account = async (who: string) => {
    const response = await api.call(who, '/api/v1/account');
    expect(response.status).toBe(200);
    return AccountSettings.parse(await response.json());
  };
  const setReminder = (who: string | null, body: unknown) =>
    api.call(who, '/api/v1/account/rotation-reminder', { method: 'PUT', body });

  it('when nobody set it, then every member reads the reminder as off', async () => {
    for (const who of ['alice', 'bob', 'carol'])
      expect(await account(who)).toMatchObject({ name: 'Demo', rotationReminderDays: null });
  });

  it('when an admin sets the reminder, then every member of the account reads it, and no other account', async () => {
    const answer = await setReminder('alice', { days: 90 });
    expect(answer.status).toBe(200);
    expect(AccountSettings.parse(await answer.json()).rotationReminderDays).toBe(90);
    for (const who of ['alice', 'bob', 'carol']) expect((await account(who)).rotationReminderDays).toBe(90);
    expect(await account('dave')).toMatchObject({ name: 'Other', rotationReminderDays: null });

    api.restart();
    expect((await account('carol')).rotationReminderDays).toBe(90);
    expect((await setReminder('alice', { days: null })).status).toBe(200);
    expect((await account('bob')).rotationReminderDays).toBeNull();
  });

  it('when a member+ or a member tries to set it, then 403 forbidden, nothing changes, and the refusal is audited', async () => {
    await setReminder('alice', { days: 30 });
    for (const who of ['bob', 'carol']) {
      const response = await setReminder(who, { days: 7 });
      expect(response.status).toBe(403);
      const { error } = ErrorBody.parse(await response.json());
      expect(error.code).toBe('forbidden');
      expect(error.message).toMatch(/only an admin/);
    }
    expect((await account('alice')).rotationReminderDays).toBe(30);
    const audit = AuditLog.parse(await (await api.call('alice', '/api/v1/audit?limit=10')).json());
    expect(audit.events.map((e) => [e.action, e.outcome, e.actorName])).toEqual([
      ['account.rotation-reminder', 'refused', 'Carol'],
      ['account.rotation-reminder', 'refused', 'Bob'],
      ['account.rotation-reminder', 'success', 'Alice'],
    ]);
  });

  it('when the value is not a whole number of days from 1 to 3650 or null, then 400 invalid_request saying so, and nothing changes', async () => {
    await setReminder('alice', { days: 45 });
    const refusals: [unknown, RegExp][] = [
      [{ days: 0 }, /"days" must be at least 1/],
      [{ days: 3651 }, /"days" must be at most 3650/],
      [{ days: 1.5 }, /"days" must be a whole number/],
      [{ days: '90' }, /"days" must be/],
      [{}, /"days" must be/],
      [{ days: 90, extra: true }, /unknown field "extra"/],
    ];
    for (const [body, message] of refusals) {
      const response = await setReminder('alice', body);
      expect(response.status).toBe(400);
      const { error } = ErrorBody.parse(await response.json());
      expect(error.code).toBe('invalid_request');
      expect(error.message).toMatch(message);
    }
    expect((await account('alice')).rotationReminderDays).toBe(45);
    expect((await setReminder('alice', { days: 3650 })).status).toBe(200);
    expect((await account('alice')).rotationReminderDays).toBe(3650);
  });

  it('when there is no token, then 401 for both routes', async () => {
    expect((await api.call(null, '/api/v1/account')).status).toBe(401);
    expect((await setReminder(null, { days: 5 })).status).toBe(401);
  });
});
