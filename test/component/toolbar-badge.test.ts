import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  attentionBadge,
  flashBadge,
  initToolbarBadge,
  NOTICE_MS,
} from '@/features/toolbar-badge/toolbar-badge.ts';
import { pendingSecret, unverifiedRegions } from '@/lib/state.ts';
import { clearStorage, SECRET } from './fixtures.ts';

beforeEach(clearStorage);

describe('toolbar badge', () => {
  it('is empty when nothing needs attention', () => {
    expect(attentionBadge({ secret: null, unverified: [] })).toMatchObject({ text: '', title: 'S3 Keys' });
  });

  it('asks to save a pending secret, and to reset a key that failed verification', () => {
    expect(attentionBadge({ secret: SECRET, unverified: [] })).toMatchObject({
      text: '!',
      color: '#b45309',
      title: expect.stringMatching(/new secret key for Demo South is waiting/),
    });
    const both = attentionBadge({ secret: SECRET, unverified: ['Demo North'] });
    expect(both).toMatchObject({ text: '!', color: '#c62828' });
    expect(both.title).toMatch(/Demo North failed verification/);
  });

  it('follows the pending secret and the verification results as they change', async () => {
    const stop = initToolbarBadge({ action: fakeBrowser.action as never });
    const text = () => fakeBrowser.action.getBadgeText({});
    await expect.poll(text).toBe('');
    await pendingSecret.setValue(SECRET);
    await expect.poll(text).toBe('!');
    await pendingSecret.removeValue();
    await expect.poll(text).toBe('');
    await unverifiedRegions.setValue(['Demo North']);
    await expect.poll(() => fakeBrowser.action.getTitle({})).toMatch(/Demo North failed verification/);
    stop();
  });

  it('shows a notice (e.g. "?" when a fill gesture found no pair) over the attention state until it expires', async () => {
    expect(
      attentionBadge(
        { secret: SECRET, unverified: [], notice: { text: '?', title: 'S3 Keys\nNo pair', until: 2000 } },
        1000,
      ),
    ).toMatchObject({ text: '?', title: 'S3 Keys\nNo pair' });
    expect(
      attentionBadge(
        { secret: SECRET, unverified: [], notice: { text: '?', title: 'S3 Keys\nNo pair', until: 2000 } },
        2000,
      ),
    ).toMatchObject({ text: '!' });
    const stop = initToolbarBadge({ action: fakeBrowser.action as never });
    await flashBadge('?', 'There is no key pair to fill.');
    await expect.poll(() => fakeBrowser.action.getBadgeText({})).toBe('?');
    expect(await fakeBrowser.action.getTitle({})).toBe('S3 Keys\nThere is no key pair to fill.');
    await flashBadge('?', 'gone', Date.now() - NOTICE_MS);
    await expect.poll(() => fakeBrowser.action.getBadgeText({})).toBe('');
    stop();
  });
});
