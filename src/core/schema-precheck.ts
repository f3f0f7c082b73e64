/**
 * A fast, allocation-free check that a JSON body certainly passes a zod schema, for the plain shapes
 * the spec's response schemas have (objects, arrays, optional and nullable strings, numbers, integers
 * with bounds, booleans). zod's own parse copies every object it checks; on a 50,000-product catalogue
 * that copy, and the garbage it leaves, cost more than JSON.parse. When the check says yes, the body
 * is exactly what zod would accept and it is used as it is; when it says no, or the schema has any
 * shape it does not model (formats, enums, unions, transforms, ...), the transport runs zod as before,
 * so reports and lenient reading are unchanged. It never says yes where zod would say no: a property
 * test holds it to that on every response schema of the spec.
 */
import type { z } from 'zod';

/** `true` only when `schema.safeParse(value)` would succeed. */
export type Precheck = (value: unknown) => boolean;

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly catchall?: z.ZodType;
  readonly format?: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
}

interface CheckDef {
  readonly check: string;
  readonly format?: string;
  readonly value?: unknown;
  readonly inclusive?: boolean;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function numberCheck(def: Def): Precheck | null {
  const base: Precheck | null =
    def.format === undefined
      ? (v) => typeof v === 'number' && Number.isFinite(v)
      : def.format === 'safeint'
        ? (v) => Number.isSafeInteger(v)
        : null;
  if (base === null) return null;
  const bounds: Precheck[] = [];
  for (const check of def.checks ?? []) {
    const { check: kind, value, inclusive } = check._zod.def;
    if (kind === 'number_format' && check._zod.def.format === 'safeint') {
      bounds.push((v) => Number.isSafeInteger(v));
      continue;
    }
    if (typeof value !== 'number') return null;
    if (kind === 'greater_than') bounds.push(inclusive ? (v) => (v as number) >= value : (v) => (v as number) > value);
    else if (kind === 'less_than')
      bounds.push(inclusive ? (v) => (v as number) <= value : (v) => (v as number) < value);
    else return null;
  }
  return (v) => base(v) && bounds.every((bound) => bound(v));
}

function objectCheck(def: Def): Precheck | null {
  // A catchall (strictObject's `never`, or any other) changes what unknown keys mean: not modelled.
  if (def.shape === undefined || def.catchall !== undefined) return null;
  const fields: [string, Precheck][] = [];
  for (const [key, field] of Object.entries(def.shape)) {
    const check = compile(field);
    if (check === null) return null;
    fields.push([key, check]);
  }
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const record = v as Record<string, unknown>;
    for (const [key, check] of fields) if (!check(record[key])) return false;
    return true;
  };
}

function compile(schema: z.ZodType): Precheck | null {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional': {
      const inner = def.innerType === undefined ? null : compile(def.innerType);
      return inner === null ? null : (v) => v === undefined || inner(v);
    }
    case 'nullable': {
      const inner = def.innerType === undefined ? null : compile(def.innerType);
      return inner === null ? null : (v) => v === null || inner(v);
    }
    case 'string':
      return def.format === undefined && (def.checks ?? []).length === 0 ? (v) => typeof v === 'string' : null;
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'number':
      return numberCheck(def);
    case 'array': {
      if ((def.checks ?? []).length > 0 || def.element === undefined) return null;
      const element = compile(def.element);
      if (element === null) return null;
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (const item of v) if (!element(item)) return false;
        return true;
      };
    }
    case 'object':
      return objectCheck(def);
    default:
      return null;
  }
}

const compiled = new WeakMap<z.ZodType, Precheck | null>();

/** The precheck of `schema` (compiled once), or `null` when its shape is not one this module models. */
export function precheckFor(schema: z.ZodType): Precheck | null {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compile(schema);
    compiled.set(schema, check);
  }
  return check;
}
