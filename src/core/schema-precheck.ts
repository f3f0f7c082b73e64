/**
 * A fast, allocation-free check that a JSON body certainly passes a zod schema, for the plain shapes
 * the spec's response schemas have (schema-model.ts). zod's own parse copies every object it checks;
 * on a 50,000-product catalogue that copy, and the garbage it leaves, cost more than JSON.parse. When
 * the check says yes, the body is exactly what zod would accept and it is used as it is; when it says
 * no, or the schema has a shape that is not modelled, the transport runs zod as before, so reports
 * and lenient reading are unchanged. It never says yes where zod would say no: a property test holds
 * it to that on every response schema of the spec, for both ways of checking below.
 *
 * The spec's own schemas are checked by straight-line code that `npm run generate` writes from the
 * same model (generated/precheck.ts): plain property reads the engine can cache per field, about five
 * times faster than walking the model at run time. Other schemas (the essential fields) walk the model
 * through closures compiled once; they are small.
 */
import type { z } from 'zod';
import { generatedPrechecks } from '../../generated/precheck.js';
import { type BaseModel, covers, type Model, modelOf, type NumberBound } from './schema-model.js';

/** `true` only when `schema.safeParse(value)` would succeed. */
export type Precheck = (value: unknown) => boolean;

function boundCheck({ op, bound }: NumberBound): (v: number) => boolean {
  switch (op) {
    case '>':
      return (v) => v > bound;
    case '>=':
      return (v) => v >= bound;
    case '<':
      return (v) => v < bound;
    case '<=':
      return (v) => v <= bound;
  }
}

function compileBase(base: BaseModel): Precheck {
  switch (base.type) {
    case 'string': {
      const pattern = base.pattern;
      return pattern === null ? (v) => typeof v === 'string' : (v) => typeof v === 'string' && pattern.test(v);
    }
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'number': {
      const bounds = base.bounds.map(boundCheck);
      const kind: Precheck = base.safeInteger ? (v) => Number.isSafeInteger(v) : (v) => Number.isFinite(v);
      return (v) => kind(v) && bounds.every((bound) => bound(v as number));
    }
    case 'array': {
      const element = compileModel(base.element);
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'object': {
      const fields = base.fields.map(({ key, model }) => [key, compileModel(model)] as const);
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
        const record = v as Record<string, unknown>;
        for (const [key, check] of fields) if (!check(record[key])) return false;
        return true;
      };
    }
  }
}

function compileModel({ optional, nullable, base }: Model): Precheck {
  const check = compileBase(base);
  if (optional && nullable) return (v) => v === undefined || v === null || check(v);
  if (optional) return (v) => v === undefined || check(v);
  if (nullable) return (v) => v === null || check(v);
  return check;
}

/** The precheck that walks the model of `schema` at run time, or `null` when it has no model. */
export function compiledPrecheck(schema: z.ZodType): Precheck | null {
  const model = modelOf(schema);
  return model === null ? null : compileModel(model);
}

const compiled = new WeakMap<z.ZodType, Precheck | null>();

/**
 * The precheck of `schema`: the generated one for a schema of generated/zod.ts, else one compiled
 * once from its model, or `null` when its shape is not one schema-model.ts describes.
 */
export function precheckFor(schema: z.ZodType): Precheck | null {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = generatedPrechecks.get(schema) ?? compiledPrecheck(schema);
    compiled.set(schema, check);
  }
  return check;
}

const withEssential = new WeakMap<z.ZodType, WeakMap<z.ZodType, Precheck | null>>();

/**
 * The precheck of a body that must pass both `schema` and `essential` (the essential fields of its
 * operation). Where the model of `schema` is at least as strict as that of `essential`, passing
 * `schema` implies passing `essential`, and the body is walked once.
 */
export function precheckForBoth(schema: z.ZodType, essential: z.ZodType): Precheck | null {
  let bySchema = withEssential.get(schema);
  if (bySchema === undefined) {
    bySchema = new WeakMap();
    withEssential.set(schema, bySchema);
  }
  let check = bySchema.get(essential);
  if (check === undefined) {
    const whole = precheckFor(schema);
    const part = precheckFor(essential);
    const schemaModel = modelOf(schema);
    const essentialModel = modelOf(essential);
    if (whole === null || part === null || schemaModel === null || essentialModel === null) check = null;
    else if (covers(essentialModel, schemaModel)) check = whole;
    else check = (value) => whole(value) && part(value);
    bySchema.set(essential, check);
  }
  return check;
}
