/**
 * How a long-running command ends (`serve`, and `npm start` and `npm run start:team` around it): `stop`
 * runs once when the process is asked to end, by Ctrl-C (SIGINT, which `npm run` forwards, so it arrives
 * twice), SIGTERM, or its terminal closing (SIGHUP, whose default would end it on the spot, mid-request,
 * with the Ceph and PostgreSQL daemons of the demos running on).
 *
 * Output with nowhere to go is dropped rather than thrown: a closed terminal, or a pipe whose reader
 * (`… | tee log`) ended with the same Ctrl-C. Unhandled, that EPIPE ended the process halfway through
 * `stop`.
 */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function onStopSignal(stop: (signal: NodeJS.Signals) => void | Promise<void>): void {
  for (const output of [process.stdout, process.stderr]) output.on('error', () => undefined);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void stop(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
}
