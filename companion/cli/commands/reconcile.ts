import { createLogger } from '../../logger.ts';
import { createServices } from '../../services.ts';
import { parseOptions, type Command } from '../command.ts';
import { REGISTRY_OPTIONS, REGISTRY_USAGE, withRegistry } from '../with-registry.ts';

export const reconcileCommand: Command = {
  summary: "make every region's S3 service hold exactly the registry's current pairs",
  help: `Usage: s3keys-companion reconcile ${REGISTRY_USAGE}
Adds back committed pairs a service lacks, removes every other key of the accounts' users (rolling back
unfinished resets), and reports what it changed. The server does the same at start and every 5 minutes.`,
  async run(args) {
    const { values } = parseOptions(args, REGISTRY_OPTIONS);
    const report = await withRegistry(values, (registry) =>
      createServices(registry, { logger: createLogger() }).keys.reconcile(),
    );
    if (report.skipped) {
      console.log('Another companion is reconciling this registry right now; nothing was done.');
      return 0;
    }
    console.log(
      `Reconciled: ${report.changes.length} change${report.changes.length === 1 ? '' : 's'}, ${report.failures.length} failure${report.failures.length === 1 ? '' : 's'}`,
    );
    for (const c of report.changes)
      console.log(`${c.change}\t${c.regionId}\t${c.accountId}\t${c.accessKeyId}`);
    for (const f of report.failures) console.error(`failed\t${f.regionId}\t${f.accountId}\t${f.reason}`);
    return report.failures.length > 0 ? 1 : 0;
  },
};
