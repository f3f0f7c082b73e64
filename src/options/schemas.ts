import { z } from 'zod';
import { MAX_CONCURRENCY, MAX_TIMER_MS } from './defaults.js';

/** A time limit: a whole, positive number of milliseconds a timer can take. */
export const duration = z
  .int({ error: 'must be a whole number of milliseconds' })
  .min(1, { error: 'must be at least 1 ms' })
  .max(MAX_TIMER_MS, { error: `must be at most ${MAX_TIMER_MS} ms` });
/** A wait: like `duration`, zero allowed. */
export const delay = z
  .int({ error: 'must be a whole number of milliseconds' })
  .min(0, { error: 'must not be negative' })
  .max(MAX_TIMER_MS, { error: `must be at most ${MAX_TIMER_MS} ms` });

/** Bounds every caller gets, constructor or per call: nothing that spins or pays without end. */
export const reconcileSchema = z.strictObject(
  {
    checkExisting: z.boolean({ error: 'must be true or false' }).optional(),
    checks: z.int({ error: 'must be a whole number' }).min(1).max(100).optional(),
    settleDelayMs: delay.optional(),
    maxOrderAttempts: z.int({ error: 'must be a whole number' }).min(1).max(10).optional(),
    quarantineMs: delay.optional(),
  },
  { error: 'must be an object with checkExisting, checks, settleDelayMs, maxOrderAttempts or quarantineMs' },
);

export const concurrencySchema = z
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be at least 1' })
  .max(MAX_CONCURRENCY, { error: `must be at most ${MAX_CONCURRENCY}` });

const abortSignal = z.custom<AbortSignal>((value) => value instanceof AbortSignal, {
  error: 'must be an AbortSignal',
});

/** What every facade method takes last. */
export const callOptionsSchema = z.strictObject(
  { signal: abortSignal.optional(), timeoutMs: duration.optional() },
  { error: 'must be an object with signal or timeoutMs' },
);

/** `send` and `issue`: the call's own signal, time limit and reconciliation. */
export const placeOptionsSchema = z.strictObject(
  {
    signal: abortSignal.optional(),
    timeoutMs: duration.optional(),
    reconcile: reconcileSchema.optional(),
    priorAttemptAt: z
      .union([z.date(), z.int().min(0)], { error: 'must be a Date or milliseconds since the epoch' })
      .optional(),
  },
  { error: 'must be an object with signal, timeoutMs, reconcile or priorAttemptAt' },
);

export const revealOptionsSchema = z.strictObject(
  { signal: abortSignal.optional(), timeoutMs: duration.optional(), concurrency: concurrencySchema.optional() },
  { error: 'must be an object with signal, timeoutMs or concurrency' },
);
