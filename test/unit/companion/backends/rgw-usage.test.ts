import { describe, expect, it } from 'vitest';
import { readUsage, usageTime } from '../../../../companion/backends/rgw-usage.ts';

const hour = (epoch: number, ...categories: [string, number][]) => ({
  epoch,
  categories: categories.map(([category, ops]) => ({ category, ops })),
});

describe('readUsage', () => {
  it('when requests are logged, then the newest hour with one is the last use', () => {
    const log = {
      entries: [{ buckets: [hour(1_796_202_000, ['put_obj', 2]), hour(1_796_205_600, ['get_obj', 1])] }],
    };
    expect(readUsage(log)).toEqual({ known: true, lastUsedHour: '2026-12-02T10:00:00.000Z' });
  });

  it("when only the companion's own ListBuckets check is logged, then no use is known", () => {
    const reading = readUsage({ entries: [{ buckets: [hour(1_796_205_600, ['list_buckets', 4])] }] });
    expect(reading.known).toBe(false);
  });

  it('when the log holds nothing, then it says the pair is unused or the log is off', () => {
    const reading = readUsage({ entries: [] });
    expect(reading).toMatchObject({ known: false });
    expect(!reading.known && reading.detail).toMatch(/not used or the log is off/);
  });
});

describe('usageTime', () => {
  it('when given a time, then it is floored to its hour in the form RGW takes', () => {
    expect(usageTime('2026-12-02T10:41:07.215Z')).toBe('2026-12-02 10:00:00');
  });
});
