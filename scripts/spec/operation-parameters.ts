/**
 * The parameter columns of the operation table. Path parameters (`GET /v4/Order/{orderUid}`) are
 * checked against the path template both ways; anything but path and query parameters is refused
 * by name, because the signing headers are the only headers the client knows how to send.
 */
import type { SpecNode } from '../spec-patches.js';

interface Parameter {
  readonly name: string;
  readonly in: string;
}

function isParameter(value: unknown): value is Parameter {
  if (typeof value !== 'object' || value === null) return false;
  const { name, in: location } = value as { name?: unknown; in?: unknown };
  return typeof name === 'string' && typeof location === 'string';
}

export function parameterColumns(
  spec: SpecNode,
  method: string,
  path: string,
  op: SpecNode,
): { pathParameters: string[]; query: string[] } {
  const where = `${method.toUpperCase()} ${path}`;
  const item = (spec.paths as Record<string, SpecNode | undefined>)[path];
  const raw = [
    ...((item?.parameters as unknown[] | undefined) ?? []),
    ...((op.parameters as unknown[] | undefined) ?? []),
  ];
  const pathParameters: string[] = [];
  const query: string[] = [];
  for (const parameter of raw) {
    if (!isParameter(parameter)) throw new Error(`${where}: unhandled parameter ${JSON.stringify(parameter)}`);
    if (parameter.in === 'query') query.push(parameter.name);
    else if (parameter.in === 'path') {
      if ((parameter as { required?: unknown }).required !== true) {
        throw new Error(`${where}: path parameter ${parameter.name} is not required`);
      }
      pathParameters.push(parameter.name);
    } else throw new Error(`${where}: unhandled ${parameter.in} parameter ${parameter.name}`);
  }
  const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const missing = inTemplate.filter((name) => !pathParameters.includes(name));
  const extra = pathParameters.filter((name) => !inTemplate.includes(name));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `${where}: path template and path parameters disagree (undeclared: ${missing.join(', ') || 'none'}; not in the path: ${extra.join(', ') || 'none'})`,
    );
  }
  return { pathParameters, query };
}
