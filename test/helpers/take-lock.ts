// A process that tries to take a data directory's lock, for the lock race test. It prints "ready", waits
// until the file DIR/go appears (so every racer tries at once), then prints "took START END" (ms since
// the epoch; it holds the lock in between) or "refused".
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { acquireDataLock } from '../../companion/storage/lock-file.ts';

const [dir, holdMs = '300'] = process.argv.slice(2);
console.log('ready');
while (!existsSync(join(dir!, 'go'))) await new Promise((resolve) => setTimeout(resolve, 1));
try {
  const lock = acquireDataLock(dir!);
  const start = Date.now();
  await new Promise((resolve) => setTimeout(resolve, Number(holdMs)));
  const end = Date.now();
  lock.release();
  console.log(`took ${start} ${end}`);
} catch {
  console.log('refused');
}
