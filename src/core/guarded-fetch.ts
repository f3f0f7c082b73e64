/**
 * The fetch every client request goes through, whatever `fetch` the caller injected: it refuses to
 * follow redirects, caps the response body while it streams in, and keeps the attempt's credentials
 * out of any error it passes on.
 */
import { HuurayError } from './errors/huuray-error.js';
import { HuurayRedirectError, HuurayResponseTooLargeError } from './errors/response-errors.js';
import { type MaxResponseBytes, responseLimitFor } from './response-limits.js';
import { scrubText } from './scrub.js';

export type FetchFunction = (request: Request) => Promise<Response>;

const CREDENTIAL_HEADERS = ['x-api-token', 'x-api-nonce', 'x-api-hash'] as const;
const attemptCredentials = new WeakMap<Response, readonly string[]>();

/** The token, nonce and hash a response's request carried, for scrubbing texts built from it. */
export function credentialsOf(response: Response): readonly string[] {
  return attemptCredentials.get(response) ?? [];
}

export function credentialsIn(headers: Headers): string[] {
  return CREDENTIAL_HEADERS.map((name) => headers.get(name)).filter((v): v is string => v !== null && v !== '');
}

function operationOf(request: Request): string {
  return `${request.method} ${new URL(request.url).pathname}`;
}

/** An error safe to keep: the thrown error's name, scrubbed message and network code, nothing else. */
export function scrubbedError(error: unknown, credentials: readonly string[]): Error {
  if (!(error instanceof Error)) return new Error(scrubText(String(error), credentials));
  const code = (error.cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  const clean = new Error(scrubText(error.message, credentials), typeof code === 'string' ? { cause: { code } } : {});
  clean.name = error.name;
  return clean;
}

/** Any 3xx: a redirect, never followed, whichever wire received it. */
export function isRedirectStatus(status: number): boolean {
  return status >= 300 && status < 400;
}

export function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || response.redirected || isRedirectStatus(response.status);
}

/** `response` with a body that errors with `HuurayResponseTooLargeError` once more than `limit` bytes came. */
function capped(response: Response, limit: number, operation: string): Response {
  const tooLarge = () => new HuurayResponseTooLargeError(operation, response.status, limit);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    void response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (response.body === null) return response;
  let seen = 0;
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  const out = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  return out;
}

/**
 * Wraps `inner` (the caller's fetch or the global one). Every request is sent with
 * `redirect: 'manual'`; a 3xx, an opaque redirect, or a response a non-conforming fetch reached by
 * following a redirect anyway, is `HuurayRedirectError`. Bodies are read up to the operation's limit.
 */
export function guardedFetch(inner: FetchFunction, limits: MaxResponseBytes = {}): FetchFunction {
  return async (request) => {
    const credentials = credentialsIn(request.headers);
    const operation = operationOf(request);
    const outgoing = request.redirect === 'manual' ? request : new Request(request, { redirect: 'manual' });
    let response: Response;
    try {
      response = await inner(outgoing);
    } catch (error) {
      if (error instanceof HuurayError) throw error;
      throw scrubbedError(error, credentials);
    }
    if (isRedirect(response)) {
      void response.body?.cancel().catch(() => undefined);
      throw new HuurayRedirectError(operation, response.type === 'opaqueredirect' ? 0 : response.status);
    }
    const out = capped(response, responseLimitFor(new URL(request.url).pathname, limits), operation);
    attemptCredentials.set(out, credentials);
    return out;
  };
}
