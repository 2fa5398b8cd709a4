/** Parses a request part with a contract schema; a mismatch is 400 `invalid_request` naming the field. */
import * as z from 'zod';
import { AppError } from '../../app-error.ts';

export function parseRequest<S extends z.core.$ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  throw new AppError(
    'invalid_request',
    `The ${what} is not as API.md describes: ${describeIssue(result.error.issues[0]!)}.`,
  );
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'it';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_type':
      return `${field} must be a ${issue.expected === 'int' ? 'whole number' : issue.expected}`;
    case 'too_small':
      if (issue.origin === 'number') return `${field} must be at least ${issue.minimum}`;
      return `${field} is too short or small`;
    case 'too_big':
      if (issue.origin === 'number') return `${field} must be at most ${issue.maximum}`;
      return `${field} is too long or large`;
    default:
      return `${field} is not valid`;
  }
}
