import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from '../../generated/openapi.js';
import { DEFAULT_BASE_URL, normaliseBaseUrl } from './base-url.js';
import { assertNotInBrowser } from './browser-guard.js';
import { HuurayValidationError, type ValidationIssue } from './errors/validation-error.js';
import { guardedFetch } from './guarded-fetch.js';
import { assertValidNonce, type NonceFactory, randomNonce } from './nonce.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type MaxResponseBytes } from './response-limits.js';
import { createSigner } from './signing.js';

/** Options of {@link createHuurayClient}. */
export interface HuurayClientOptions {
  /** The account's API token, sent as `X-API-TOKEN`. */
  readonly token: string;
  /** The account's API secret. Only its SHA-512 with a nonce ever leaves the process. */
  readonly secret: string;
  /** Defaults to `https://api.huuray.com`. Must be https; plain http only for loopback hosts. */
  readonly baseUrl?: string | undefined;
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
  /**
   * Produces `X-API-NONCE`, once per attempt. Defaults to 24 CSPRNG bytes as base64url. Each value
   * is checked to be 1-50 visible ASCII characters; the API refuses a nonce it has seen in 60 days.
   */
  readonly nonce?: NonceFactory | undefined;
  /**
   * Per-operation limits on response bodies, in bytes, overriding `DEFAULT_MAX_RESPONSE_BYTES`
   * (Catalogue 128 MiB; Order, Search and Cancel 16 MiB; Template 4 MiB; the rest 1 MiB). Bodies are
   * read only up to the limit; a larger one is `HuurayResponseTooLargeError`.
   */
  readonly maxResponseBytes?: MaxResponseBytes | undefined;
  /**
   * Allow a client where `window` and `document` exist. Off by default: in a browser the secret is readable by
   * everyone who loads the page. Set it only for code that never reaches a browser (e.g. a test DOM).
   */
  readonly dangerouslyAllowBrowser?: boolean | undefined;
}

/** The typed `openapi-fetch` client of the Huuray API v4; every request it sends is signed. */
export type HuurayClient = Client<paths, 'application/json'> & {
  /** The normalised base URL requests go to. */
  readonly baseUrl: string;
};

const VISIBLE_ASCII = /^[\x21-\x7E]+$/;
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

function credentialIssues(options: HuurayClientOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof options.token !== 'string' || options.token.length === 0) {
    issues.push({ path: 'token', message: 'is required (the API token from your Huuray account)' });
  } else if (!VISIBLE_ASCII.test(options.token)) {
    issues.push({
      path: 'token',
      message: 'must contain only visible ASCII characters (check for spaces or line breaks)',
    });
  }
  if (typeof options.secret !== 'string' || options.secret.length === 0) {
    issues.push({ path: 'secret', message: 'is required (the API secret from your Huuray account)' });
  }
  for (const [operation, limit] of Object.entries(options.maxResponseBytes ?? {})) {
    if (!(operation in DEFAULT_MAX_RESPONSE_BYTES)) {
      issues.push({ path: `maxResponseBytes.${operation}`, message: 'is not an operation of the API' });
    } else if (!Number.isSafeInteger(limit) || (limit as number) < 1) {
      issues.push({ path: `maxResponseBytes.${operation}`, message: 'must be a whole number of bytes, at least 1' });
    }
  }
  if (options.nonce !== undefined && typeof options.nonce !== 'function') {
    issues.push({ path: 'nonce', message: 'must be a function returning a string' });
  }
  return issues;
}

/**
 * Middleware that signs every request openapi-fetch sends: `X-API-TOKEN`, a fresh `X-API-NONCE`
 * and `X-API-HASH`. It runs once per call, so each retry made as a new call is signed afresh;
 * a `fetch` wrapper that re-sends the same Request would replay a used nonce and get 401.
 */
export function signingMiddleware(token: string, secret: string, nonce: NonceFactory = randomNonce): Middleware {
  const sign = createSigner(secret);
  return {
    async onRequest({ request }) {
      const value = nonce();
      assertValidNonce(value);
      request.headers.set('X-API-TOKEN', token);
      request.headers.set('X-API-NONCE', value);
      request.headers.set('X-API-HASH', await sign(value));
      return request;
    },
  };
}

/**
 * Creates the typed, signed client. Throws `HuurayValidationError` at once for a missing token or
 * secret, or a base URL that is not https (plain http is accepted for loopback hosts only), and in a browser
 * unless `dangerouslyAllowBrowser` is set.
 *
 * @example
 * const client = createHuurayClient({ token: process.env.HUURAY_API_TOKEN!, secret: process.env.HUURAY_API_SECRET! });
 * const { data, error } = await client.GET('/v4/Balance');
 */
export function createHuurayClient(options: HuurayClientOptions): HuurayClient {
  assertNotInBrowser(options.dangerouslyAllowBrowser);
  const issues = credentialIssues(options);
  if (issues.length > 0) throw new HuurayValidationError('client options', issues);
  const baseUrl = normaliseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const inner = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  // Redirects are never followed, whatever fetch is injected: the signed headers must not reach
  // another origin (see guarded-fetch.ts), and bodies are capped while they stream in.
  const client = createClient<paths, 'application/json'>({
    baseUrl,
    redirect: 'manual',
    fetch: guardedFetch(inner, options.maxResponseBytes),
  });
  client.use(signingMiddleware(options.token, options.secret, options.nonce));
  const description = `HuurayClient { baseUrl: '${baseUrl}' }`;
  return Object.defineProperties(client, {
    baseUrl: { value: baseUrl, enumerable: true },
    toString: { value: () => description },
    toJSON: { value: () => ({ baseUrl }) },
    [INSPECT]: { value: () => description },
  }) as HuurayClient;
}
