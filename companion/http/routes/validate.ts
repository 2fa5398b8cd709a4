/** Parses a request part with a contract schema; a mismatch is 400 `invalid_request` naming the field. */
import type * as z from 'zod';
import { AppError } from '../../app-error.ts';

export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'it';
  throw new AppError('invalid_request', `The ${what} is not as API.md describes: ${field}: ${issue.message}.`);
}
