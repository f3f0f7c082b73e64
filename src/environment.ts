import { HuurayValidationError, type ValidationIssue } from './core/errors/validation-error.js';
import type { HuurayOptions } from './options/huuray-options.js';

/** Environment variables as `process.env` holds them (or any record of the same shape, e.g. a Worker's `env`). */
export type HuurayEnv = Readonly<Record<string, string | undefined>>;

/** The variables {@link optionsFromEnv} reads. */
export const ENV_VARIABLES = {
  token: 'HUURAY_API_TOKEN',
  secret: 'HUURAY_API_SECRET',
  baseUrl: 'HUURAY_BASE_URL',
} as const;

/** `process.env` read without importing a Node built-in, so the client entry stays edge-safe. */
function processEnv(): HuurayEnv | undefined {
  return (globalThis as { process?: { env?: HuurayEnv } }).process?.env;
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * Builds client options from HUURAY_API_TOKEN, HUURAY_API_SECRET and (optional) HUURAY_BASE_URL; `overrides`
 * win over the environment. Every missing variable is named in one `HuurayValidationError`.
 */
export function optionsFromEnv(env: HuurayEnv | undefined, overrides: Partial<HuurayOptions>): HuurayOptions {
  const source = env ?? processEnv() ?? {};
  const token = overrides.token ?? present(source[ENV_VARIABLES.token]);
  const secret = overrides.secret ?? present(source[ENV_VARIABLES.secret]);
  const baseUrl = overrides.baseUrl ?? present(source[ENV_VARIABLES.baseUrl]);
  const issues: ValidationIssue[] = [];
  if (token === undefined) issues.push({ path: ENV_VARIABLES.token, message: 'is not set (the API token)' });
  if (secret === undefined) issues.push({ path: ENV_VARIABLES.secret, message: 'is not set (the API secret)' });
  if (token === undefined || secret === undefined) throw new HuurayValidationError('environment', issues);
  return { ...overrides, token, secret, ...(baseUrl === undefined ? {} : { baseUrl }) };
}
