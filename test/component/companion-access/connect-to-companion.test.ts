import { describe, expect, it, vi } from 'vitest';
import { connectToCompanion } from '@/features/companion-access/connect-to-companion.ts';
import { CompanionError } from '@/lib/companion-error.ts';
import { fakeAccess } from '../fixtures.ts';

const TEAM = 'https://keys.team.test:18788';
/** The error a Connect that must fail rejects with. */
async function refused(connecting: Promise<unknown>): Promise<CompanionError> {
  try {
    await connecting;
  } catch (error) {
    return error as CompanionError;
  }
  throw new Error('Connect succeeded');
}

describe('Connect, step by step', () => {
  it('asks for host access synchronously, before its first await (browsers need the click), then signs in', async () => {
    const access = fakeAccess();
    const signIn = vi.fn(async (base: string) => base);
    const connected = connectToCompanion(`${TEAM}/`, signIn, access);
    expect(access.request).toHaveBeenCalledWith(TEAM);
    await expect(connected).resolves.toBe(TEAM);
    expect(access.probe).toHaveBeenCalledWith(TEAM);
    expect(access.release).not.toHaveBeenCalled();
  });

  it('an http URL off this computer is refused before anything is asked or sent', async () => {
    const access = fakeAccess();
    const signIn = vi.fn();
    const error = await refused(connectToCompanion('http://keys.team.test:18788', signIn, access));
    expect(error).toMatchObject({ code: 'url_refused' });
    expect(error.message).toMatch(/in clear/);
    expect(access.request).not.toHaveBeenCalled();
    expect(access.probe).not.toHaveBeenCalled();
    expect(signIn).not.toHaveBeenCalled();
  });

  it('when the user refuses host access, says so and sends nothing', async () => {
    const access = { ...fakeAccess(), request: vi.fn(async () => false) };
    const signIn = vi.fn();
    const error = await refused(connectToCompanion(TEAM, signIn, access));
    expect(error).toMatchObject({ code: 'permission_refused' });
    expect(error.message).toBe(
      "S3 Keys may not reach keys.team.test: the browser's permission was not given. Press Connect again and allow it.",
    );
    expect(access.probe).not.toHaveBeenCalled();
    expect(signIn).not.toHaveBeenCalled();
  });

  it('when no companion answers, shows the probe’s reason, skips the token check and gives access back', async () => {
    const failure = { status: 0, code: 'certificate_untrusted' as const, message: 'untrusted certificate' };
    const access = { ...fakeAccess(), probe: vi.fn(async () => failure) };
    const signIn = vi.fn();
    const error = await refused(connectToCompanion(TEAM, signIn, access));
    expect(error).toMatchObject(failure);
    expect(signIn).not.toHaveBeenCalled();
    expect(access.release).toHaveBeenCalledWith(TEAM);
  });

  it('when the token is refused, that error comes through and access is given back', async () => {
    const access = fakeAccess();
    const error = await refused(
      connectToCompanion(
        TEAM,
        async () => {
          throw new CompanionError(401, 'unauthorized', 'Invalid token.');
        },
        access,
      ),
    );
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(access.release).toHaveBeenCalledWith(TEAM);
  });
});
