/**
 * An answer from JSON text written earlier (a view kept until the registry changes), typed as
 * `c.json(value)` would type it, so the typed client and the contract check still see its shape.
 * @module
 */
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';

type JsonAnswer<T> = Response & TypedResponse<JSONParsed<T>, 200, 'json'>;

export function jsonText<T>(c: Context, text: string): JsonAnswer<T> {
  // The text is the JSON of a T; only the type system needs telling.
  return c.body(text, 200, { 'Content-Type': 'application/json' }) as unknown as JsonAnswer<T>;
}
