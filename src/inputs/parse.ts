import type { z } from 'zod';
import { HuurayValidationError } from '../core/errors/validation-error.js';

/** Validates a facade input; every problem becomes one issue of a `HuurayValidationError`, thrown before any request. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: string,
  operation?: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new HuurayValidationError(
    subject,
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    operation,
  );
}
