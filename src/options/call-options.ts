/**
 * Per-call options, checked exactly like the constructor's: a value the constructor refuses is refused
 * here too, with the field named, before any request.
 */
import type { CallOptions } from '../core/transport.js';
import { parseInput } from '../inputs/parse.js';
import { DEFAULT_CONCURRENCY, type ReconcileOptions } from './defaults.js';
import { defined } from './defined.js';
import { callOptionsSchema, placeOptionsSchema, revealOptionsSchema } from './schemas.js';

/** The client-wide settings a call falls back on. */
export interface CallDefaults {
  readonly timeoutMs: number;
  readonly orderTimeoutMs: number;
  readonly reconcile: ReconcileOptions;
}

/** A call's options after checking: the time limit is always set. */
export interface ResolvedCall {
  readonly signal: AbortSignal | undefined;
  readonly timeoutMs: number;
}

/** A placing call (`send`, `issue`, campaign rows): also its reconciliation. */
export interface ResolvedPlaceCall extends ResolvedCall {
  /** The time limit of searches, which are reads. */
  readonly readTimeoutMs: number;
  readonly reconcile: ReconcileOptions;
  /** An earlier attempt of this refId may have been sent at this time (ms since the epoch). */
  readonly priorAttemptAt: number | undefined;
}

export type CallKind = 'read' | 'write';

function isEmptyPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const _ in value) return false;
  return true;
}

/** Options of a read or a write (`orders.*`, `balances`, `catalogue`, ...). */
export function resolveCall(
  defaults: CallDefaults,
  options: unknown,
  kind: CallKind,
  operation?: string,
): ResolvedCall {
  // Most calls pass no options: `{}` is valid by definition, so it skips the schema (a measurable share
  // of a small read's cost).
  if (options === undefined || isEmptyPlainObject(options)) {
    return { signal: undefined, timeoutMs: kind === 'read' ? defaults.timeoutMs : defaults.orderTimeoutMs };
  }
  const o = parseInput(callOptionsSchema, options, 'call options', operation);
  return {
    signal: o.signal,
    timeoutMs: o.timeoutMs ?? (kind === 'read' ? defaults.timeoutMs : defaults.orderTimeoutMs),
  };
}

/** Options of `send` and `issue`. */
export function resolvePlaceCall(defaults: CallDefaults, options: unknown, operation?: string): ResolvedPlaceCall {
  // A campaign passes `{}` for nearly every row: valid by definition, so it skips the schema.
  if (options === undefined || isEmptyPlainObject(options)) {
    return {
      signal: undefined,
      timeoutMs: defaults.orderTimeoutMs,
      readTimeoutMs: defaults.timeoutMs,
      reconcile: defaults.reconcile,
      priorAttemptAt: undefined,
    };
  }
  const o = parseInput(placeOptionsSchema, options, 'call options', operation);
  const prior = o.priorAttemptAt instanceof Date ? o.priorAttemptAt.getTime() : o.priorAttemptAt;
  return {
    signal: o.signal,
    timeoutMs: o.timeoutMs ?? defaults.orderTimeoutMs,
    readTimeoutMs: o.timeoutMs ?? defaults.timeoutMs,
    reconcile: { ...defaults.reconcile, ...defined(o.reconcile) },
    priorAttemptAt: prior,
  };
}

/** Options of `revealCodes`. */
export function resolveRevealCall(
  defaults: CallDefaults,
  options: unknown,
  operation?: string,
): ResolvedCall & { readonly concurrency: number } {
  const o = parseInput(revealOptionsSchema, options ?? {}, 'call options', operation);
  return {
    signal: o.signal,
    timeoutMs: o.timeoutMs ?? defaults.timeoutMs,
    concurrency: o.concurrency ?? DEFAULT_CONCURRENCY,
  };
}

/** The resolved options as the transport takes them. */
export function transportOptions(call: ResolvedCall): CallOptions {
  return { signal: call.signal, timeoutMs: call.timeoutMs };
}
