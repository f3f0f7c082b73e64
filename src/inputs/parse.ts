import type { z } from 'zod';
import { HuurayValidationError, type ValidationIssue } from '../core/errors/validation-error.js';

/** One zod issue as ours; an unknown key is named in the path, so the message points at the field. */
function toIssues(issue: z.core.$ZodIssue): ValidationIssue[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'is not a known field' }));
  }
  return [{ path: path.join('.'), message: issue.message }];
}

/** Validates a facade input; every problem becomes one issue of a `HuurayValidationError`, thrown before any request. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: string,
  operation?: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new HuurayValidationError(subject, result.error.issues.flatMap(toIssues), operation);
}
