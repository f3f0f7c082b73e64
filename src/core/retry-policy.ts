/** How reads are retried: exponential backoff with jitter, honouring `Retry-After` up to a cap. */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 2. */
  readonly maxRetries: number;
  /** First backoff step. Default 500 ms. */
  readonly baseDelayMs: number;
  /** Largest backoff step. Default 8 s. */
  readonly maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for; the 429 is thrown instead. Default 60 s. */
  readonly maxRetryAfterMs: number;
}

/** The defaults: 2 retries, backoff from 0.5 s to 8 s with jitter, `Retry-After` honoured up to 60 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** "Equal jitter": half the exponential step plus a random share of the other half, so retries spread out but never collapse to zero. */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
