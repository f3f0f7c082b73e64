import type { z } from 'zod';
import { AttemptAbort } from './attempt-abort.js';
import { apiErrorFor, HuurayRateLimitError } from './errors/api-error.js';
import { HuurayError } from './errors/huuray-error.js';
import { HuurayRedirectError, HuurayResponseTooLargeError } from './errors/response-errors.js';
import { HuurayConnectionError, HuurayResponseValidationError, HuurayTimeoutError } from './errors/transport-errors.js';
import { ESSENTIAL_FIELDS } from './essential-fields.js';
import type { HuurayEvent, HuurayLogger } from './events.js';
import { readLeniently } from './lenient-reading.js';
import { backoffDelay, parseRetryAfter, type RetryPolicy, sleep } from './retry-policy.js';
import { type Precheck, precheckFor, precheckForBoth } from './schema-precheck.js';
import { Scrubber } from './scrub.js';
import type { ApiRequest, ApiResponse, SignedCall } from './signed-call.js';

/** Per-call options every facade method accepts. */
export interface CallOptions {
  /** Aborts the call (and its retries). */
  readonly signal?: AbortSignal | undefined;
  /** Time limit for each attempt of this call, overriding the client's default. */
  readonly timeoutMs?: number | undefined;
}

export interface TransportConfig {
  /** Sends one signed attempt (see signed-call.ts). */
  readonly call: SignedCall;
  readonly retry: RetryPolicy;
  readonly validateResponses: boolean | 'warn';
  readonly logger?: HuurayLogger | undefined;
  readonly random?: () => number;
  /**
   * Texts never to repeat from a server's message (the token and secret). Each attempt's own nonce
   * and hash, any SHA-512 hex and voucher codes this transport has received are scrubbed as well.
   */
  readonly scrub?: readonly string[];
}

/** Whether a call may be repeated: reads may, orders/resends/cancels never are by the transport. */
export type CallKind = 'read' | 'write';

export interface Answer<T> {
  readonly status: number;
  readonly data: T;
}

/** The time limit and the caller's signal of one call, already checked. */
export interface CallLimits {
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

/** Marks an abort as this attempt's own time limit, to tell it from the caller's abort. */
const TIMED_OUT = Symbol('timed out');

type AttemptOutcome = Extract<HuurayEvent, { type: 'attempt' }>['outcome'];

/** The timer's callback, shared by every attempt (the attempt comes as the timer's argument). */
function abortTimedOut(abort: AttemptAbort): void {
  abort.abort(TIMED_OUT);
}

function sanitizedCause(error: unknown, scrubber: Scrubber): Error {
  if (!(error instanceof Error)) return new Error(scrubber.text(String(error)));
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  const text = `${error.name}: ${error.message}${typeof code === 'string' ? ` (${code})` : ''}`;
  return new Error(scrubber.text(text));
}

function bodyFields(body: unknown, clean: (text: string) => string): { apiStatus?: number; statusMessage?: string } {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return {};
    }
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const { Status, StatusMessage, Message } = parsed as Record<string, unknown>;
  const message = typeof StatusMessage === 'string' && StatusMessage !== '' ? StatusMessage : Message;
  const apiStatus = typeof Status === 'number' ? { apiStatus: Status } : {};
  if (typeof message !== 'string' || message === '') return apiStatus;
  // Scrubbed before it is cut, so a cut cannot leave part of a secret behind.
  return { ...apiStatus, statusMessage: clean(message).slice(0, 500) };
}

/**
 * Runs facade calls: a time limit per attempt, typed errors, response validation, events, and retries
 * for reads only. Each attempt goes through `send` again, so the signing middleware gives it a fresh
 * nonce and hash.
 */
export class Transport {
  readonly #config: TransportConfig;
  readonly #scrubber: Scrubber;

  constructor(config: TransportConfig) {
    this.#config = config;
    this.#scrubber = new Scrubber(config.scrub ?? []);
  }

  emit(event: HuurayEvent): void {
    try {
      this.#config.logger?.(event);
    } catch {
      // A failing logger must not turn a paid order into an error.
    }
  }

  /**
   * One attempt: never retried here. Throws typed errors; `retryable` reflects `kind`. `precheck`, when
   * given, replaces the schema's own precheck (schema-precheck.ts) and must hold to the same rule: `true`
   * only where zod would accept the body for `schema` and for the operation's essential fields. A caller
   * gives one to do its own work (mapping) in the same pass over the body.
   */
  once<T>(
    request: ApiRequest,
    kind: CallKind,
    schema: z.ZodType<T>,
    limits: CallLimits,
    attempt = 1,
    precheck?: Precheck,
  ): Promise<Answer<T>> {
    return this.#once(request, kind, schema, limits, attempt, precheck, false) as Promise<Answer<T>>;
  }

  /**
   * `once`, where `emptyOn404` turns a 404 into `null` (after its attempt event) instead of
   * `HuurayNotFoundError`: a search with no match is the usual answer of a campaign row's check, and
   * an error built only to be caught cost a stack trace and a scrubbed message each time.
   */
  async #once<T>(
    request: ApiRequest,
    kind: CallKind,
    schema: z.ZodType<T>,
    limits: CallLimits,
    attempt: number,
    precheck: Precheck | undefined,
    emptyOn404: boolean,
  ): Promise<Answer<T> | null> {
    const operation = request.operation;
    // Only events need the clock; without a logger there are none.
    const started = this.#config.logger === undefined ? 0 : performance.now();
    const callerSignal = limits.signal;
    if (callerSignal?.aborted) throw callerSignal.reason;
    // One AttemptAbort and one timer per attempt, cleared as soon as the body is in: cheaper than an
    // AbortController, let alone AbortSignal.timeout joined with AbortSignal.any, and the timer never
    // outlives the attempt.
    const abort = new AttemptAbort();
    const timer = setTimeout(abortTimedOut, limits.timeoutMs, abort);
    const onCallerAbort = callerSignal === undefined ? undefined : () => abort.abort(callerSignal.reason);
    if (onCallerAbort !== undefined) callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    let response: ApiResponse;
    try {
      response = await this.#config.call(request, abort);
    } catch (error) {
      if (error instanceof HuurayRedirectError)
        this.#attempted(operation, attempt, started, 'http-error', error.status);
      if (error instanceof HuurayResponseTooLargeError) {
        this.#attempted(operation, attempt, started, 'invalid-response', error.status);
      }
      if (error instanceof HuurayError) throw error;
      if (callerSignal?.aborted) throw callerSignal.reason;
      const retryable = kind === 'read';
      if (abort.reason === TIMED_OUT) {
        this.#attempted(operation, attempt, started, 'timeout');
        throw new HuurayTimeoutError(operation, limits.timeoutMs, {
          retryable,
          cause: sanitizedCause(error, this.#scrubber),
        });
      }
      this.#attempted(operation, attempt, started, 'connection-error');
      const cause = sanitizedCause(error, this.#scrubber);
      throw new HuurayConnectionError(`${operation}: connection failed (${cause.message})`, {
        operation,
        retryable,
        cause,
      });
    } finally {
      clearTimeout(timer);
      if (onCallerAbort !== undefined) callerSignal?.removeEventListener('abort', onCallerAbort);
    }
    if (response.status < 200 || response.status >= 300) {
      this.#attempted(operation, attempt, started, 'http-error', response.status);
      if (emptyOn404 && response.status === 404) return null;
      const retryable = kind === 'read' && (response.status === 429 || response.status >= 500);
      throw apiErrorFor({
        operation,
        status: response.status,
        retryable,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
        ...bodyFields(response.text, (text) => this.#scrubber.text(text, response.credentials)),
      });
    }
    const data = this.#validate(operation, kind, schema, response.status, response.text, attempt, started, precheck);
    return { status: response.status, data };
  }

  /** The `attempt` event of one attempt that began at `started`. */
  #attempted(operation: string, attempt: number, started: number, outcome: AttemptOutcome, status?: number): void {
    if (this.#config.logger === undefined) return;
    this.emit({
      type: 'attempt',
      operation,
      attempt,
      status,
      outcome,
      durationMs: Math.round(performance.now() - started),
    });
  }

  #validate<T>(
    operation: string,
    kind: CallKind,
    schema: z.ZodType<T>,
    status: number,
    text: unknown,
    attempt: number,
    started: number,
    callerPrecheck: Precheck | undefined,
  ): T {
    let body: unknown;
    try {
      body = typeof text === 'string' && text !== '' ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (body === undefined || typeof body !== 'object' || body === null) {
      this.#attempted(operation, attempt, started, 'invalid-response', status);
      throw new HuurayResponseValidationError(operation, status, [{ path: '', message: 'body is not a JSON object' }], {
        retryable: kind === 'read',
      });
    }
    if (this.#config.validateResponses === false) {
      this.#attempted(operation, attempt, started, 'ok', status);
      this.#scrubber.rememberCodes(body);
      return body as T;
    }
    const essential = ESSENTIAL_FIELDS[operation];
    const precheck =
      callerPrecheck ?? (essential === undefined ? precheckFor(schema) : precheckForBoth(schema, essential));
    if (precheck?.(body) === true) {
      // Certainly what zod would accept (schema-precheck.ts): skip zod's copy of the whole body.
      this.#scrubber.rememberCodes(body);
      this.#attempted(operation, attempt, started, 'ok', status);
      return body as T;
    }
    const read = readLeniently(schema, essential, body);
    this.#scrubber.rememberCodes(body);
    if (!read.ok && this.#config.validateResponses === true) {
      this.#attempted(operation, attempt, started, 'invalid-response', status);
      throw new HuurayResponseValidationError(operation, status, read.issues, { retryable: kind === 'read' });
    }
    if (read.issues.length > 0) this.emit({ type: 'response-validation', operation, status, issues: read.issues });
    this.#attempted(operation, attempt, started, 'ok', status);
    return read.ok ? read.data : (body as T);
  }

  /** A read: retried on connection errors, timeouts, 429 and 5xx, with backoff and `Retry-After`. */
  read<T>(request: ApiRequest, schema: z.ZodType<T>, limits: CallLimits, precheck?: Precheck): Promise<Answer<T>> {
    return this.#read(request, schema, limits, precheck, false) as Promise<Answer<T>>;
  }

  async #read<T>(
    request: ApiRequest,
    schema: z.ZodType<T>,
    limits: CallLimits,
    precheck: Precheck | undefined,
    emptyOn404: boolean,
  ): Promise<Answer<T> | null> {
    const policy = this.#config.retry;
    const operation = request.operation;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#once(request, 'read', schema, limits, attempt, precheck, emptyOn404);
      } catch (error) {
        if (!(error instanceof HuurayError) || !error.retryable || attempt > policy.maxRetries) throw error;
        let delay = backoffDelay(policy, attempt, this.#config.random);
        if (error instanceof HuurayRateLimitError && error.retryAfterMs !== undefined) {
          if (error.retryAfterMs > policy.maxRetryAfterMs) throw error;
          delay = Math.max(delay, error.retryAfterMs);
        }
        this.emit({ type: 'retry', operation, attempt, reason: error.name, delayMs: delay });
        await sleep(delay, limits.signal);
      }
    }
  }

  /**
   * A read where the API's 404 means "nothing" (no templates, no search match, an empty catalogue):
   * `null` then, instead of `HuurayNotFoundError`.
   */
  readOrEmpty<T>(
    request: ApiRequest,
    schema: z.ZodType<T>,
    limits: CallLimits,
    precheck?: Precheck,
  ): Promise<Answer<T> | null> {
    return this.#read(request, schema, limits, precheck, true);
  }
}
