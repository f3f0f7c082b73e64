export {
  type ApiErrorDetails,
  apiErrorFor,
  HuurayApiError,
  HuurayAuthenticationError,
  HuurayBadRequestError,
  HuurayNotFoundError,
  HuurayPermissionDeniedError,
  HuurayRateLimitError,
  HuurayServerError,
  HuurayUnprocessableError,
} from './api-error.js';
export { type ConflictDifference, HuurayConflictError } from './conflict-error.js';
export { HuurayError, type HuurayErrorOptions } from './huuray-error.js';
export { HuurayIndeterminateOrderError } from './indeterminate-order-error.js';
export { HuurayRedirectError, HuurayResponseTooLargeError } from './response-errors.js';
export { HuurayConnectionError, HuurayResponseValidationError, HuurayTimeoutError } from './transport-errors.js';
export { HuurayValidationError, type ValidationIssue } from './validation-error.js';
