/**
 * huuray-client: a typed, signed, money-safe client for the Huuray API v4.
 * @packageDocumentation
 */
export type { components, paths } from '../generated/openapi.js';
export { DEFAULT_BASE_URL } from './core/base-url.js';
export { createHuurayClient, type HuurayClient, type HuurayClientOptions, signingMiddleware } from './core/client.js';
export { HuurayError, type HuurayErrorOptions } from './core/errors/huuray-error.js';
export { HuurayValidationError, type ValidationIssue } from './core/errors/validation-error.js';
export { MAX_NONCE_LENGTH, type NonceFactory, randomNonce } from './core/nonce.js';
