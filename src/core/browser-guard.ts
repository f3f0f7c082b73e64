import { HuurayValidationError } from './errors/validation-error.js';

/** True where a page's globals exist: the code is running in a browser, where anyone can read the secret. */
function inBrowser(): boolean {
  const scope = globalThis as { window?: unknown; document?: unknown };
  return typeof scope.window !== 'undefined' && typeof scope.document !== 'undefined';
}

/**
 * Refuses to build a client in a browser: the API secret signs orders that spend real money, and a page's
 * code and memory are open to whoever loads it. A server-side renderer that defines `window` and
 * `document` on purpose can opt in with `dangerouslyAllowBrowser: true`.
 */
export function assertNotInBrowser(dangerouslyAllowBrowser: boolean | undefined): void {
  if (dangerouslyAllowBrowser === true || !inBrowser()) return;
  throw new HuurayValidationError('environment', [
    {
      path: 'dangerouslyAllowBrowser',
      message:
        'this looks like a browser (window and document exist): the Huuray API secret would be exposed to ' +
        'everyone who loads the page and could spend your balance. Call Huuray from your server; pass ' +
        '`dangerouslyAllowBrowser: true` only if this code never reaches a browser',
    },
  ]);
}
