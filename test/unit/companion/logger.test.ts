import { describe, expect, it } from 'vitest';
import { batchedLines } from '../../../companion/logger.ts';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('batchedLines', () => {
  it('writes a line after a quiet spell on the next turn of the event loop, in order and whole', async () => {
    const writes: string[] = [];
    const line = batchedLines((text) => writes.push(text));
    line('first');
    line('second');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(['first\nsecond\n']);
  });

  it('under load gathers the lines of the next few milliseconds into one write', async () => {
    const writes: string[] = [];
    const line = batchedLines((text) => writes.push(text));
    line('a');
    await nextTurn();
    line('b');
    await nextTurn();
    line('c');
    await nextTurn();
    expect(writes).toEqual(['a\n']);
    await sleep(25);
    expect(writes).toEqual(['a\n', 'b\nc\n']);
  });

  it('writes at once when many characters are waiting', () => {
    const writes: string[] = [];
    const line = batchedLines((text) => writes.push(text));
    const long = 'x'.repeat(1_000);
    for (let i = 0; i < 17; i++) line(long);
    expect(writes.length).toBe(1);
    expect(writes[0]!.length).toBe(17 * 1_001);
  });
});
