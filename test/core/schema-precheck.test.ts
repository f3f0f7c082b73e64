import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generatedPrechecks } from '../../generated/precheck.js';
import * as generated from '../../generated/zod.js';
import { ESSENTIAL_FIELDS } from '../../src/core/essential-fields.js';
import { covers, modelOf } from '../../src/core/schema-model.js';
import { compiledPrecheck, type Precheck, precheckFor, precheckForBoth } from '../../src/core/schema-precheck.js';
import { around } from '../helpers/around-schema.js';

// The precheck lets the transport skip zod's parse; it must never accept what zod refuses, whichever
// way it checks: the code npm run generate wrote (generated/precheck.ts) or the model walked at run
// time (for the essential fields, and any schema without generated code). Values are
// drawn around each schema's own shape (right and wrong types, nulls, missing keys, out-of-range and
// fractional numbers, extra keys), so both verdicts occur often.
const responseSchemas = Object.entries(generated).filter(
  ([name, schema]) => name.endsWith('Response') && schema instanceof z.ZodType,
) as [string, z.ZodType][];
// Order and Search answers carry date-times, checked with zod's own expression for the format.
const modelled = [...responseSchemas, ...Object.entries(ESSENTIAL_FIELDS)];

const ways: [string, (schema: z.ZodType) => Precheck | null | undefined][] = [
  ['as the transport picks it', precheckFor],
  ['walking the model', compiledPrecheck],
];

describe('schema precheck', () => {
  it('models every response schema of the spec (date-times included) and every essential-field schema', () => {
    expect(responseSchemas.length).toBeGreaterThanOrEqual(10);
    for (const [name, schema] of modelled) expect(precheckFor(schema), name).not.toBeNull();
    expect(precheckFor(generated.zOrderResponse)).toBe(generatedPrechecks.get(generated.zOrderResponse));
  });

  it.each([
    ['datetime', z.iso.datetime({ offset: true, local: true })],
    ['datetime (UTC only)', z.iso.datetime()],
    ['date', z.iso.date()],
    ['time', z.iso.time()],
  ] as const)('checks a %s with the expression zod checks it with', (_format, schema) => {
    let accepted = 0;
    let refused = 0;
    for (const [, pick] of ways) {
      const check = pick(z.object({ at: schema }));
      fc.assert(
        fc.property(around(z.object({ at: schema })), (value) => {
          const zodSays = z.object({ at: schema }).safeParse(value).success;
          expect(check?.(value)).toBe(zodSays);
          if (zodSays) accepted++;
          else refused++;
        }),
        { numRuns: 500 },
      );
    }
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });

  it('checks every modelled schema of generated/zod.ts with the generated code', () => {
    for (const [name, schema] of Object.entries(generated)) {
      if (!(schema instanceof z.ZodType)) continue;
      expect(generatedPrechecks.has(schema), name).toBe(compiledPrecheck(schema) !== null);
      if (generatedPrechecks.has(schema)) expect(precheckFor(schema), name).toBe(generatedPrechecks.get(schema));
    }
    for (const [name, schema] of Object.entries(ESSENTIAL_FIELDS))
      expect(generatedPrechecks.has(schema), name).toBe(false);
  });

  const cases = ways.flatMap(([way, pick]) => modelled.map(([name, schema]) => [name, way, schema, pick] as const));

  it.each(cases)('agrees with zod on %s, %s', (_name, _way, schema, pick) => {
    const check = pick(schema);
    expect(check).toBeTypeOf('function');
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(around(schema), (value) => {
        const zodSays = schema.safeParse(value).success;
        expect(check?.(value)).toBe(zodSays);
        if (zodSays) accepted++;
        else refused++;
      }),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('declines shapes it does not model, so zod decides them', () => {
    for (const schema of [
      z.email(),
      z.string().min(1),
      z.enum(['a', 'b']),
      z.union([z.string(), z.number()]),
      z.strictObject({ a: z.string() }),
      z.string().transform((s) => s.length),
      z.number().multipleOf(2),
      z.object({ nested: z.array(z.url()) }),
      z.ipv4(),
      z.iso.datetime().min(20),
      z.string().regex(/a/g),
    ]) {
      expect(precheckFor(schema)).toBeNull();
      expect(compiledPrecheck(schema)).toBeNull();
    }
  });
});

// The transport walks a body once when its schema is at least as strict as its essential fields
// (precheckForBoth). `covers` must never claim that wrongly: whatever zod accepts for the narrower
// schema, zod accepts for the wider one.
describe('essential fields covered by a response schema', () => {
  const modelOrThrow = (schema: z.ZodType) => {
    const model = modelOf(schema);
    if (model === null) throw new Error('not modelled');
    return model;
  };
  const covered = Object.entries(ESSENTIAL_FIELDS)
    .flatMap(([operation, essential]) =>
      modelled.map(([name, schema]) => [operation, name, essential, schema] as const),
    )
    .filter(([, , essential, schema]) => covers(modelOrThrow(essential), modelOrThrow(schema)));

  it.each(covered)('%s essential fields, covered by %s: zod agrees', (_op, _name, essential, schema) => {
    let accepted = 0;
    fc.assert(
      fc.property(around(schema), (value) => {
        if (!schema.safeParse(value).success) return;
        accepted++;
        expect(essential.safeParse(value).success).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('covers the catalogue and balance answers, so their bodies are walked once', () => {
    const both = (operation: string, schema: z.ZodType) =>
      precheckForBoth(schema, ESSENTIAL_FIELDS[operation] as z.ZodType);
    expect(both('POST /v4/Catalogue', generated.zCatalogueResponse)).toBe(precheckFor(generated.zCatalogueResponse));
    expect(both('GET /v4/Balance', generated.zBalanceResponse)).toBe(precheckFor(generated.zBalanceResponse));
    expect(both('POST /v4/Template', generated.zTemplateResponse)).toBe(precheckFor(generated.zTemplateResponse));
  });

  it('checks both where the schema is looser than the essential fields', () => {
    const looser: [z.ZodType, z.ZodType][] = [
      [z.object({ a: z.number().int() }), z.object({ a: z.number() })],
      [z.object({ a: z.number().int().max(10) }), z.object({ a: z.number().int().max(11) })],
      [z.object({ a: z.number().int().gt(0) }), z.object({ a: z.number().int().gte(0) })],
      [z.object({ a: z.string() }), z.object({ a: z.string().nullable() })],
      [z.object({ a: z.string() }), z.object({ a: z.string().optional() })],
      [z.object({ a: z.string() }), z.object({ b: z.string() })],
      [z.object({ a: z.array(z.object({ id: z.number().int() })) }), z.object({ a: z.array(z.object({})) })],
      [z.object({ a: z.boolean() }), z.object({ a: z.string() })],
    ];
    for (const [essential, schema] of looser) {
      expect(covers(modelOrThrow(essential), modelOrThrow(schema))).toBe(false);
      const both = precheckForBoth(schema, essential);
      expect(both).not.toBe(precheckFor(schema));
      fc.assert(
        fc.property(around(schema), (value) => {
          expect(both?.(value)).toBe(schema.safeParse(value).success && essential.safeParse(value).success);
        }),
        { numRuns: 200 },
      );
    }
    const stricter = z.object({ a: z.number().int().gte(1).lt(5), b: z.string() });
    expect(covers(modelOrThrow(z.object({ a: z.number().gt(0).lte(5) })), modelOrThrow(stricter))).toBe(true);
  });
});
