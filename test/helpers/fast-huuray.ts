import { Huuray, type HuurayOptions } from '../../src/index.js';

/**
 * A `Huuray` for tests against local servers: test credentials, and timeouts and backoff in
 * milliseconds rather than seconds so fault paths finish quickly. `options` override any of it.
 */
export function fastHuuray(baseUrl: string, options: Partial<HuurayOptions> = {}): Huuray {
  return new Huuray({
    token: 'test-token',
    secret: 'test-secret',
    baseUrl,
    orderTimeoutMs: 300,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
}
