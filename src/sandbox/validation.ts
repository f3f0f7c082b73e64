/**
 * Request bodies checked with the generated zod schemas, made strict at every level because the
 * spec declares `additionalProperties: false`: an unknown field is a 400, as a .NET API with strict
 * binding answers, and never silently ignored.
 */
import * as z from 'zod';
import {
  zCancelRequest,
  zCatalogueRequest,
  zOrderProduct,
  zOrderRecipient,
  zOrderRequest,
  zResendRequest,
  zSearchRequest,
  zStockRequest,
} from '../../generated/zod.js';
import { failure, type HandlerResult } from './responses.js';

export const strictOrderRequest = zOrderRequest
  .extend({ Product: zOrderProduct.strict(), Recipients: z.array(zOrderRecipient.strict()).nullish() })
  .strict();
export const strictCancelRequest = zCancelRequest.strict();
export const strictResendRequest = zResendRequest.strict();
export const strictSearchRequest = zSearchRequest.strict();
export const strictStockRequest = zStockRequest.strict();
export const strictCatalogueRequest = zCatalogueRequest.strict();

/** The parsed body, or the 400 that names the first problem in plain words. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): { data: T } | { error: HandlerResult } {
  if (body === undefined) return { error: failure(400, 'A request body is required') };
  const parsed = schema.safeParse(body);
  if (parsed.success) return { data: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? 'body' : issue.path.join('.');
  return { error: failure(400, `Invalid request: ${where}: ${issue?.message ?? 'not accepted'}`) };
}
