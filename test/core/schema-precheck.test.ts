import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as generated from '../../generated/zod.js';
import { ESSENTIAL_FIELDS } from '../../src/core/essential-fields.js';
import { precheckFor } from '../../src/core/schema-precheck.js';

// The precheck lets the transport skip zod's parse; it must never accept what zod refuses. Values are
// drawn around each schema's own shape (right and wrong types, nulls, missing keys, out-of-range and
// fractional numbers, extra keys), so both verdicts occur often.
type Def = {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  format?: string;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

const wrong = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ maxLength: 4 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
);

function around(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const right: fc.Arbitrary<unknown> = (() => {
    switch (def.type) {
      case 'optional':
        return fc.oneof(fc.constant(undefined), around(def.innerType as z.ZodType, depth));
      case 'nullable':
        return fc.oneof(fc.constant(null), around(def.innerType as z.ZodType, depth));
      case 'string':
        return fc.string({ maxLength: 6 });
      case 'boolean':
        return fc.boolean();
      case 'number':
        return fc.oneof(
          fc.integer({ min: -5, max: 5 }),
          fc.constantFrom(2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, 0.5, -0),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        );
      case 'array':
        return depth > 3 ? fc.constant([]) : fc.array(around(def.element as z.ZodType, depth + 1), { maxLength: 3 });
      case 'object':
        return fc
          .record(Object.fromEntries(Object.entries(def.shape ?? {}).map(([k, v]) => [k, around(v, depth + 1)])), {
            requiredKeys: [],
          })
          .chain((record) => fc.oneof(fc.constant(record), fc.constant({ ...record, Extra: 'kept' })));
      default:
        return fc.anything();
    }
  })();
  return fc.oneof({ arbitrary: right, weight: 6 }, { arbitrary: wrong, weight: 1 });
}

const responseSchemas = Object.entries(generated).filter(
  ([name, schema]) => name.endsWith('Response') && schema instanceof z.ZodType,
) as [string, z.ZodType][];
// Order and Search answers carry date-times (a format), which only zod checks; they are small.
const zodOnly = ['zOrderResponse', 'zSearchResponse'];
const modelled = [...responseSchemas.filter(([name]) => !zodOnly.includes(name)), ...Object.entries(ESSENTIAL_FIELDS)];

describe('schema precheck', () => {
  it('models every response schema of the spec but those with date-times, and every essential-field schema', () => {
    expect(responseSchemas.length).toBeGreaterThanOrEqual(10);
    for (const [name, schema] of modelled) expect(precheckFor(schema), name).not.toBeNull();
    for (const [name, schema] of responseSchemas.filter(([n]) => zodOnly.includes(n))) {
      expect(precheckFor(schema), name).toBeNull();
    }
  });

  it.each(modelled)('agrees with zod on %s', (_name, schema) => {
    const check = precheckFor(schema);
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
      z.object({ nested: z.array(z.iso.datetime()) }),
    ]) {
      expect(precheckFor(schema)).toBeNull();
    }
  });
});
