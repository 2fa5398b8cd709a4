/** What every CLI command is, and the argument parsing they share. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  summary: string;
  help: string;
  /** Returns the exit code (0 when undefined). */
  run(args: string[]): Promise<number | void>;
}

/** Bad arguments: shown with the command's help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `--name value` options; unknown ones and stray words are usage errors. */
export function parseOptions<O extends Options>(args: string[], options: O, positionals = 0) {
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: positionals > 0 });
    if (parsed.positionals.length > positionals)
      throw new UsageError(`Unexpected argument "${parsed.positionals[positionals]}".`);
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}

/** A required option's value, or a usage error naming it. */
export function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required.`);
  return value;
}

/** The subcommand word, checked against the allowed ones. */
export function subcommand<S extends string>(args: string[], allowed: readonly S[]): [S, string[]] {
  const [word, ...rest] = args;
  if (!word || !allowed.includes(word as S)) throw new UsageError(`Say what to do: ${allowed.join(', ')}.`);
  return [word as S, rest];
}
