/**
 * `s3keys-companion`: the companion's command line. `serve` runs the server; the other commands manage
 * the registry in a data directory (they take its lock, so stop the server first when they write).
 * @module
 */
import { DirectoryError } from '../directory/directory.ts';
import { StartupError } from '../startup-error.ts';
import { UsageError, type Command } from './command.ts';
import { accountCommand } from './commands/account.ts';
import { auditCommand } from './commands/audit.ts';
import { demoCommand } from './commands/demo.ts';
import { migrateCommand } from './commands/migrate.ts';
import { reconcileCommand } from './commands/reconcile.ts';
import { regionCommand } from './commands/region.ts';
import { serveCommand } from './commands/serve.ts';
import { serviceCommand } from './commands/service.ts';
import { tokenCommand } from './commands/token.ts';
import { userCommand } from './commands/user.ts';

const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  demo: demoCommand,
  account: accountCommand,
  user: userCommand,
  region: regionCommand,
  service: serviceCommand,
  token: tokenCommand,
  audit: auditCommand,
  reconcile: reconcileCommand,
  migrate: migrateCommand,
};

function usage(): string {
  return [
    'Usage: s3keys-companion <command> [options]',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`),
    '',
    'Run "s3keys-companion <command> --help" for its options.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name) {
    console.error(usage());
    return 2;
  }
  if (name === '--help' || name === 'help') {
    console.log(usage());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  if (args.includes('--help')) {
    console.log(command.help);
    return 0;
  }
  try {
    return (await command.run(args)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${command.help}`);
      return 2;
    }
    if (error instanceof StartupError || error instanceof DirectoryError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
