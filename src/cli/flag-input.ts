import type { z } from 'zod';
import { HuurayValidationError } from '../core/errors/validation-error.js';
import { parseInput } from '../inputs/parse.js';

/** The facade's field names as the flags a user typed. */
const FLAG_OF_FIELD: Record<string, string> = {
  productToken: '--product',
  valueMinor: '--value',
  currency: '--currency',
  templateId: '--template',
  refId: '--ref-id',
  quantity: '--quantity',
  concurrency: '--concurrency',
  message: '--message',
  deliverAt: '--deliver-at',
  'recipient.name': '--name',
  'recipient.email': '--email',
  'recipient.phone': '--phone',
  recipient: '--email/--phone',
};

/** `parseInput` for an input built from flags: each problem names the flag (`--value`), not the field. */
export function parseFlags<S extends z.ZodType>(schema: S, input: unknown, subject: string): z.output<S> {
  try {
    return parseInput(schema, input, subject);
  } catch (error) {
    if (!(error instanceof HuurayValidationError)) throw error;
    throw new HuurayValidationError(
      subject,
      error.issues.map((issue) => ({ path: FLAG_OF_FIELD[issue.path] ?? issue.path, message: issue.message })),
    );
  }
}
