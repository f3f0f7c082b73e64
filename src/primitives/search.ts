/** The search primitive: `POST /v4/Search`, 404 read as "no match", and a RefID answer checked before it is believed. */

import type { components } from '../../generated/openapi.js';
import { zSearchResponse } from '../../generated/zod.js';
import type { FacadeContext } from '../context.js';
import { type Order, toOrder } from '../domain/order.js';
import { parseInput } from '../inputs/parse.js';
import { type FindInput, findInput, toSearchRequest } from '../inputs/query-input.js';
import type { ResolvedCall } from '../options/call-options.js';
import { operationLabel } from './operation.js';
import { apiRequest } from './request.js';

export const SEARCH_OPERATION = operationLabel('Search');

/** Search; `null` when the API answers 404 (its way of saying "no match"). Retried like every read. */
export function searchOrder(ctx: FacadeContext, query: FindInput, call: ResolvedCall): Promise<Order | null> {
  return searchBy(ctx, toSearchRequest(parseInput(findInput, query, 'search', SEARCH_OPERATION)), call);
}

async function searchBy(
  ctx: FacadeContext,
  body: components['schemas']['SearchRequest'],
  call: ResolvedCall,
): Promise<Order | null> {
  const answer = await ctx.transport.readOrEmpty(apiRequest('Search', { body }), zSearchResponse, call);
  return answer === null ? null : toOrder(answer.data, answer.status);
}

/** A search answer that cannot be believed for the RefID asked about. */
export class UntrustedSearchError extends Error {
  constructor(
    readonly refId: string,
    reason: string,
  ) {
    super(`a search by RefID answered with ${reason}, so whether this order was placed cannot be told`);
    this.name = 'UntrustedSearchError';
  }
}

/**
 * Search by RefID, believed only when the answer names that RefID and an order: an answer naming
 * another RefID (or none) means the search did not filter as asked, and proves neither "placed" nor
 * "not placed". Throws `UntrustedSearchError` then.
 *
 * `refId` is one an order input was checked with (every caller places or placed an order under it), so
 * a search by it alone is sent without checking it again: it is the first request of every `send`.
 */
export async function searchByRefId(
  ctx: FacadeContext,
  refId: string,
  call: ResolvedCall,
  extra: Omit<FindInput, 'refId'> = {},
): Promise<Order | null> {
  const found =
    Object.keys(extra).length === 0
      ? await searchBy(ctx, { RefID: refId }, call)
      : await searchOrder(ctx, { ...extra, refId }, call);
  if (found === null) return null;
  if (found.orderUid === '') throw new UntrustedSearchError(refId, 'no OrderUID');
  if (found.refId !== refId) throw new UntrustedSearchError(refId, 'another RefID');
  return found;
}
