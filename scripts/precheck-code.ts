/**
 * Writes generated/precheck.ts: for every schema of generated/zod.ts that src/core/schema-model.ts can
 * describe, a function of plain property reads and `typeof` tests that says `true` only where zod
 * would accept the value. Written at generation time, not built at run time with `new Function`,
 * which a Content-Security-Policy or an edge runtime refuses. test/core/schema-precheck.test.ts holds
 * the written functions to zod on every response schema.
 */
import type { z } from 'zod';
import { type BaseModel, type Model, modelOf } from '../src/core/schema-model.js';

const isSchema = (value: unknown): value is z.ZodType =>
  typeof value === 'object' &&
  value !== null &&
  '_zod' in value &&
  typeof (value as { _zod: unknown })._zod === 'object';

/** The code of generated/precheck.ts for the exports of generated/zod.ts (`schemas`), under `header`. */
export function precheckSource(schemas: Readonly<Record<string, unknown>>, header: string): string {
  const names = new Map<z.ZodType, string>();
  for (const [name, value] of Object.entries(schemas)) if (isSchema(value)) names.set(value, name);
  const functions = new Map<string, string>();
  const objectFunctions = new Map<z.ZodType, string>();
  /** One constant per distinct expression of a string format, by its literal. */
  const patterns = new Map<string, string>();
  let unnamed = 0;

  function patternConstant(pattern: RegExp): string {
    const literal = String(pattern);
    let name = patterns.get(literal);
    if (name === undefined) {
      name = `PATTERN_${patterns.size + 1}`;
      patterns.set(literal, name);
    }
    return name;
  }

  function numberTest(base: Extract<BaseModel, { type: 'number' }>, x: string): string {
    const tests = [base.safeInteger ? `Number.isSafeInteger(${x})` : `Number.isFinite(${x})`];
    for (const { op, bound } of base.bounds) tests.push(`(${x} as number) ${op} ${String(bound)}`);
    return tests.length === 1 ? (tests[0] as string) : `(${tests.join(' && ')})`;
  }

  function objectFunction(base: Extract<BaseModel, { type: 'object' }>, name?: string): string {
    const known = objectFunctions.get(base.schema);
    if (known !== undefined) return known;
    const schemaName = names.get(base.schema);
    const fn = name ?? (schemaName === undefined ? `check${++unnamed}` : `is${schemaName.replace(/^z/, '')}`);
    objectFunctions.set(base.schema, fn);
    const lines = base.fields.map(
      ({ key, model }) => `  x = o[${JSON.stringify(key)}];\n  if (!(${accepts(model, 'x')})) return false;`,
    );
    functions.set(
      fn,
      `export function ${fn}(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
${lines.length === 0 ? '' : `  const o = value as Record<string, unknown>;\n  let x: unknown;\n${lines.join('\n')}\n`}  return true;
}`,
    );
    return fn;
  }

  function arrayFunction(element: Model): string {
    const { optional, nullable, base } = element;
    const elementName = base.type === 'object' ? names.get(base.schema) : undefined;
    const fn =
      elementName !== undefined && !optional && !nullable
        ? `isListOf${elementName.replace(/^z/, '')}`
        : `check${++unnamed}`;
    if (functions.has(fn)) return fn;
    functions.set(
      fn,
      `export function ${fn}(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const x: unknown = value[i];
    if (!(${accepts(element, 'x')})) return false;
  }
  return true;
}`,
    );
    return fn;
  }

  function baseTest(base: BaseModel, x: string): string {
    switch (base.type) {
      case 'string':
        return base.pattern === null
          ? `typeof ${x} === 'string'`
          : `(typeof ${x} === 'string' && ${patternConstant(base.pattern)}.test(${x}))`;
      case 'boolean':
        return `typeof ${x} === 'boolean'`;
      case 'number':
        return numberTest(base, x);
      case 'array':
        return `${arrayFunction(base.element)}(${x})`;
      case 'object':
        return `${objectFunction(base)}(${x})`;
    }
  }

  function accepts({ optional, nullable, base }: Model, x: string): string {
    const tests: string[] = [];
    if (optional) tests.push(`${x} === undefined`);
    if (nullable) tests.push(`${x} === null`);
    tests.push(baseTest(base, x));
    return tests.join(' || ');
  }

  const table: string[] = [];
  for (const [schema, name] of names) {
    const model = modelOf(schema);
    if (model === null) continue;
    const fn = `is${name.replace(/^z/, '')}`;
    if (!model.optional && !model.nullable && model.base.type === 'object') objectFunction(model.base, fn);
    else functions.set(fn, `export function ${fn}(value: unknown): boolean {\n  return ${accepts(model, 'value')};\n}`);
    table.push(`  [schemas.${name}, ${fn}],`);
  }
  const constants = [...patterns].map(([literal, name]) => `const ${name} = ${literal};`);
  return `${header}
import type { ZodType } from 'zod';
import * as schemas from './zod.js';

// Each function is true only where the zod schema of the same name would accept the value (see
// src/core/schema-precheck.ts); a schema with a shape it does not model (enums, unions, most formats,
// ...) has none. Exported so that a reader can check and map in one pass (src/domain/catalogue-reader.ts).
${constants.length === 0 ? '' : `\n// zod's own expressions for the string formats it checks with one (src/core/schema-model.ts).\n${constants.join('\n')}\n`}
${[...functions.values()].join('\n\n')}

/** The precheck of each schema of ./zod.ts that has one. */
export const generatedPrechecks: ReadonlyMap<ZodType, (value: unknown) => boolean> = new Map<
  ZodType,
  (value: unknown) => boolean
>([
${table.join('\n')}
]);
`;
}
