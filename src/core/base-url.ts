import { HuurayValidationError } from './errors/validation-error.js';

/** Production, from Huuray's own clients; the spec declares no servers (see scripts/spec-patches.ts). */
export const DEFAULT_BASE_URL = 'https://api.huuray.com';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Checks and normalises a base URL: absolute https, or plain http only for loopback hosts (Prism,
 * the sandbox, local test servers), never with credentials, a query or a fragment. Returns it
 * without a trailing slash.
 */
export function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HuurayValidationError('client options', [{ path: 'baseUrl', message: 'must be an absolute URL' }]);
  }
  const problems: string[] = [];
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    problems.push(`plain http is allowed only for loopback hosts, not ${url.hostname}; use https`);
  } else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push(`must use https, not ${url.protocol.replace(':', '')}`);
  }
  if (url.username !== '' || url.password !== '') problems.push('must not contain credentials');
  if (url.search !== '' || url.hash !== '') problems.push('must not contain a query or fragment');
  if (problems.length > 0) {
    throw new HuurayValidationError(
      'client options',
      problems.map((message) => ({ path: 'baseUrl', message })),
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
