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
  return copy(value, new Map(), new Set()) as T;
}

/**
 * `done` maps each object already copied to its copy, so an object referenced twice (the same recipient
 * in two places) is copied once and shared as in the input; `path` holds the objects being copied
 * right now, and only a reference back to one of them is a cycle.
 */
function copy(value: unknown, done: Map<object, unknown>, path: Set<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (path.has(value)) return '[Circular]';
  if (done.has(value)) return done.get(value);
  path.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((item) => copy(item, done, path));
  } else {
    const fields: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (!SECRET_FIELD_NAMES.has(key)) fields[key] = copy(item, done, path);
    }
    out = fields;
  }
  path.delete(value);
  done.set(value, out);
  return out;
}
