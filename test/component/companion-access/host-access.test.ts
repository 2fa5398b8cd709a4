import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  hostPattern,
  releaseHostAccess,
  requestHostAccess,
} from '@/features/companion-access/host-access.ts';

beforeEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});

describe('host access to the companion', () => {
  it('the pattern is the scheme and host without the port (Firefox match patterns cannot name one)', () => {
    expect(hostPattern('https://keys.team.test:18788/s3keys')).toBe('https://keys.team.test/*');
    expect(hostPattern('http://[::1]:8787')).toBe('http://[::1]/*');
  });

  it('asks the browser for a team companion’s host, and answers what the user chose', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    await expect(requestHostAccess('https://keys.team.test:18788')).resolves.toBe(false);
    expect(request).toHaveBeenCalledWith({ origins: ['https://keys.team.test/*'] });
  });

  it('asks nothing for the local demo hosts the manifest grants at install', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request');
    await expect(requestHostAccess('http://127.0.0.1:8787')).resolves.toBe(true);
    await expect(requestHostAccess('http://localhost:9999')).resolves.toBe(true);
    expect(request).not.toHaveBeenCalled();
  });

  it('gives back a requested host, never the manifest’s own', async () => {
    const remove = vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true);
    await releaseHostAccess('https://keys.team.test:18788');
    await releaseHostAccess('http://127.0.0.1:8787');
    expect(remove).toHaveBeenCalledExactlyOnceWith({ origins: ['https://keys.team.test/*'] });
  });
});
