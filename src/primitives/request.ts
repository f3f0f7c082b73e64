/**
 * Request descriptions for the facade's signed caller, typed by the spec: the method and path come from
 * the generated operation table, and the body and query from the generated `paths` types, so a body
 * the spec does not define fails the type check as it did through openapi-fetch.
 */
import type { paths } from '../../generated/openapi.js';
import { type Operation, type OperationName, operations } from '../../generated/operations.js';
import type { ApiRequest } from '../core/signed-call.js';

type OperationOf<N extends OperationName> = Extract<Operation, { readonly name: N }>;
type SpecOf<N extends OperationName> = paths[OperationOf<N>['path']][Lowercase<OperationOf<N>['method']>];

/** The JSON body operation `N` takes (`undefined` where it takes none). */
export type RequestBodyOf<N extends OperationName> =
  SpecOf<N> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : undefined;

/** The query parameters of operation `N`. */
export type QueryOf<N extends OperationName> =
  SpecOf<N> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

const byName = new Map<OperationName, Operation>(operations.map((o) => [o.name, o]));
/** The request of each operation with no body and no query, built once: most reads are one of these. */
const bare = new Map<OperationName, ApiRequest>();

/** Describes one request of operation `name`; the transport signs and sends it. */
export function apiRequest<N extends OperationName>(
  name: N,
  parts: { readonly body?: RequestBodyOf<N>; readonly query?: QueryOf<N> } = {},
): ApiRequest {
  const plain = parts.query === undefined && parts.body === undefined;
  if (plain) {
    const known = bare.get(name);
    if (known !== undefined) return known;
  }
  const operation = byName.get(name);
  if (operation === undefined) throw new Error(`no operation ${name} in generated/operations.ts`);
  const query =
    parts.query === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(parts.query as Record<string, unknown>)
            .filter(([, v]) => v !== undefined && v !== null)
            .map(([k, v]) => [k, String(v)]),
        );
  const request: ApiRequest = {
    name,
    method: operation.method,
    path: operation.path,
    operation: `${operation.method} ${operation.path}`,
    ...(query === undefined ? {} : { query }),
    ...(parts.body === undefined ? {} : { body: parts.body }),
  };
  if (plain) bare.set(name, Object.freeze(request));
  return request;
}
