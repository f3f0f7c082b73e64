import { SECRET_FIELD_NAMES } from './wire-fields.js';

/**
 * A deep copy of `value` with every response field the spec coverage list classes as secret
 * (today `Code`, `CVV` and `RedeemLink`, and their camelCase forms) removed,
 * at any depth, for logging an order or search result. Cycles are kept as `'[Circular]'`.
 *
 * @example
 * logger.info({ order: redact(order) });
 */
export function redact<T>(value: T): T {
  return copy(value, new WeakMap()) as T;
}

function copy(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (seen.has(value)) return '[Circular]';
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(copy(item, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [key, item] of Object.entries(value)) {
    if (!SECRET_FIELD_NAMES.has(key)) out[key] = copy(item, seen);
  }
  return out;
}
