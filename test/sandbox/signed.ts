/**
 * A tiny signing helper for sandbox tests, written apart from src/core on purpose: tests of the
 * sandbox must not lean on the client's signing code.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Credentials {
  readonly url: string;
  readonly token: string;
  readonly secret: string;
}

export interface SignedCall {
  readonly method?: string;
  readonly body?: unknown;
  /** Raw text sent as is instead of JSON of `body`. */
  readonly rawBody?: string;
  readonly nonce?: string;
  readonly hash?: string;
  readonly token?: string;
  readonly signal?: AbortSignal;
  /** `manual` to see a 3xx instead of following it. */
  readonly redirect?: RequestRedirect;
}

export function freshNonce(): string {
  return randomBytes(24).toString('base64url');
}

export function sha512Hex(text: string): string {
  return createHash('sha512').update(text, 'utf8').digest('hex');
}

/** Sends one signed request; POST by default. */
export function call(credentials: Credentials, path: string, options: SignedCall = {}): Promise<Response> {
  const nonce = options.nonce ?? freshNonce();
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return fetch(`${credentials.url}${path}`, {
    method: options.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      'X-API-TOKEN': options.token ?? credentials.token,
      'X-API-NONCE': nonce,
      'X-API-HASH': options.hash ?? sha512Hex(credentials.secret + nonce),
    },
    ...(body === undefined ? {} : { body }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.redirect === undefined ? {} : { redirect: options.redirect }),
  });
}

/** Sends one signed request and reads its JSON body. */
export async function callJson(
  credentials: Credentials,
  path: string,
  options: SignedCall = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await call(credentials, path, options);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
