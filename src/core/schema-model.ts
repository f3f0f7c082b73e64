/**
 * The plain shapes of the spec's response schemas (objects, arrays, optional and nullable strings,
 * numbers, integers with bounds, booleans), read from a zod schema's definition. The precheck
 * (schema-precheck.ts) runs on this description, and scripts/generate.ts writes it out as
 * straight-line code (generated/precheck.ts). String formats that zod checks with a regular expression
 * alone (ISO date-times, dates and times) are modelled with that expression. A schema with any other
 * shape (other formats, enums, unions, catchalls, transforms, ...) has no model: zod alone decides it.
 */
import type { z } from 'zod';

/** A number's bound: `value op bound` must hold. */
export interface NumberBound {
  readonly op: '>' | '>=' | '<' | '<=';
  readonly bound: number;
}

export type BaseModel =
  /** A string; with a `pattern`, one that it matches (zod's own expression for the format). */
  | { readonly type: 'string'; readonly pattern: RegExp | null }
  | { readonly type: 'boolean' }
  /** A finite number; with `safeInteger` a safe integer; within every bound. */
  | { readonly type: 'number'; readonly safeInteger: boolean; readonly bounds: readonly NumberBound[] }
  | { readonly type: 'array'; readonly element: Model }
  /** Unknown keys are allowed (and ignored), as zod's plain `object` does. */
  | { readonly type: 'object'; readonly schema: z.ZodType; readonly fields: readonly FieldModel[] };

/** What a value must be: `undefined` passes when `optional`, `null` when `nullable`, else `base` decides. */
export interface Model {
  readonly optional: boolean;
  readonly nullable: boolean;
  readonly base: BaseModel;
}

export interface FieldModel {
  readonly key: string;
  readonly model: Model;
}

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly catchall?: z.ZodType;
  readonly format?: string;
  readonly pattern?: unknown;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
}

interface CheckDef {
  readonly check: string;
  readonly format?: string;
  readonly value?: unknown;
  readonly inclusive?: boolean;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function numberModel(def: Def): BaseModel | null {
  if (def.format !== undefined && def.format !== 'safeint') return null;
  let safeInteger = def.format === 'safeint';
  const bounds: NumberBound[] = [];
  for (const check of def.checks ?? []) {
    const { check: kind, value, inclusive } = check._zod.def;
    if (kind === 'number_format' && check._zod.def.format === 'safeint') {
      safeInteger = true;
      continue;
    }
    if (typeof value !== 'number') return null;
    if (kind === 'greater_than') bounds.push({ op: inclusive ? '>=' : '>', bound: value });
    else if (kind === 'less_than') bounds.push({ op: inclusive ? '<=' : '<', bound: value });
    else return null;
  }
  return { type: 'number', safeInteger, bounds };
}

function objectModel(schema: z.ZodType, def: Def): BaseModel | null {
  // A catchall (strictObject's `never`, or any other) changes what unknown keys mean: not modelled.
  if (def.shape === undefined || def.catchall !== undefined) return null;
  const fields: FieldModel[] = [];
  for (const [key, field] of Object.entries(def.shape)) {
    const model = modelOf(field);
    if (model === null) return null;
    fields.push({ key, model });
  }
  return { type: 'object', schema, fields };
}

/**
 * The formats whose whole check in zod 4 is `def.pattern.test(value)` (core/checks.js,
 * `$ZodCheckStringFormat`); other formats (URLs, IPs, JWTs, ...) run code besides, and are not modelled.
 */
const PATTERN_FORMATS: ReadonlySet<string> = new Set(['datetime', 'date', 'time']);

function stringModel(def: Def): BaseModel | null {
  if ((def.checks ?? []).length > 0) return null;
  if (def.format === undefined) return { type: 'string', pattern: null };
  const pattern = def.pattern;
  // A global or sticky expression keeps state between tests; zod resets it, a precheck would not.
  if (!PATTERN_FORMATS.has(def.format) || !(pattern instanceof RegExp) || pattern.global || pattern.sticky) return null;
  return { type: 'string', pattern };
}

function baseModel(schema: z.ZodType, def: Def): BaseModel | null {
  switch (def.type) {
    case 'string':
      return stringModel(def);
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return numberModel(def);
    case 'array': {
      if ((def.checks ?? []).length > 0 || def.element === undefined) return null;
      const element = modelOf(def.element);
      return element === null ? null : { type: 'array', element };
    }
    case 'object':
      return objectModel(schema, def);
    default:
      return null;
  }
}

/** The model of `schema`, or `null` when it has a shape this module does not describe. */
export function modelOf(schema: z.ZodType): Model | null {
  let optional = false;
  let nullable = false;
  let inner = schema;
  for (;;) {
    const def = defOf(inner);
    if (def.type !== 'optional' && def.type !== 'nullable') break;
    if (def.innerType === undefined) return null;
    if (def.type === 'optional') optional = true;
    else nullable = true;
    inner = def.innerType;
  }
  const base = baseModel(inner, defOf(inner));
  return base === null ? null : { optional, nullable, base };
}

/** Whether `bounds` make `wanted` hold for every number within them. */
function boundImplied(wanted: NumberBound, bounds: readonly NumberBound[]): boolean {
  const lower = wanted.op === '>' || wanted.op === '>=';
  return bounds.some(({ op, bound }) => {
    if (lower && op === '>=') return wanted.op === '>=' ? bound >= wanted.bound : bound > wanted.bound;
    if (lower && op === '>') return bound >= wanted.bound;
    if (!lower && op === '<=') return wanted.op === '<=' ? bound <= wanted.bound : bound < wanted.bound;
    if (!lower && op === '<') return bound <= wanted.bound;
    return false;
  });
}

function baseCovers(wider: BaseModel, narrower: BaseModel): boolean {
  switch (wider.type) {
    case 'string':
      return (
        narrower.type === 'string' &&
        (wider.pattern === null ||
          (narrower.pattern !== null &&
            narrower.pattern.source === wider.pattern.source &&
            narrower.pattern.flags === wider.pattern.flags))
      );
    case 'boolean':
      return narrower.type === wider.type;
    case 'number':
      return (
        narrower.type === 'number' &&
        (narrower.safeInteger || !wider.safeInteger) &&
        wider.bounds.every((bound) => boundImplied(bound, narrower.bounds))
      );
    case 'array':
      return narrower.type === 'array' && covers(wider.element, narrower.element);
    case 'object': {
      if (narrower.type !== 'object') return false;
      const fields = new Map(narrower.fields.map((f) => [f.key, f.model]));
      return wider.fields.every(({ key, model }) => {
        const narrowerField = fields.get(key);
        return narrowerField !== undefined && covers(model, narrowerField);
      });
    }
  }
}

/**
 * Whether every value `narrower` accepts, `wider` accepts too (judged on the shapes, conservatively:
 * `false` when unsure). A response schema that the spec makes at least as strict as the essential
 * fields needs no second pass over the body for them.
 */
export function covers(wider: Model, narrower: Model): boolean {
  if (narrower.optional && !wider.optional) return false;
  if (narrower.nullable && !wider.nullable) return false;
  return baseCovers(wider.base, narrower.base);
}
