/**
 * How `npm start` and `npm run start:team` end. Ctrl-C, SIGTERM, or the terminal being closed (SIGHUP)
 * runs `stop` once (npm forwards Ctrl-C, so it arrives twice), then the process exits.
 *
 * Output with nowhere to go is dropped rather than thrown: a closed terminal, or a pipe whose reader
 * (`npm start | tee log`) died with the same Ctrl-C. Unhandled, that write error ended the process
 * halfway through `stop`, and the Ceph and PostgreSQL daemons, which outlive their terminal, ran on.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function stopOnSignals(stop: (signal: NodeJS.Signals) => Promise<void> | void): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    Promise.resolve()
      .then(() => stop(signal))
      .then(
        () => process.exit(0),
        (error: Error) => {
          console.error(`Stopping failed: ${error.message}`);
          process.exit(1);
        },
      );
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
}
