/**
 * Values drawn around a zod schema's own shape (right and wrong types, nulls, missing keys, out-of-range
 * and fractional numbers, extra keys), so that zod's accept and refuse verdicts both occur often: for
 * property tests that hold a faster check to zod.
 */
import fc from 'fast-check';
import type { z } from 'zod';

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

export function around(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
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
