/**
 * Values drawn around a zod schema's own shape (right and wrong types, nulls, missing keys, out-of-range
 * and fractional numbers, extra keys, date-times a field off), so that zod's accept and refuse verdicts
 * both occur often: for property tests that hold a faster check to zod.
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

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * ISO date-times, dates and times, most of them valid and the rest one field off: month 0 or 13, day
 * 0 or 32 (and 29 February of any year), hour 24, minute or second 60, an offset of +24:00, a
 * lower-case or space separator, or no seconds.
 */
function aroundDateTime(format: string): fc.Arbitrary<string> {
  const parts = fc.record({
    year: fc.oneof(fc.integer({ min: 1999, max: 2031 }), fc.integer({ min: 0, max: 9999 })),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 32 })),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.option(fc.integer({ min: 0, max: 60 })),
    fraction: fc.option(fc.integer({ min: 0, max: 9_999_999 })),
    zone: fc.constantFrom('Z', '', '+02:00', '-05:30', '+24:00', 'z', '+0200'),
    separator: fc.constantFrom('T', 'T', 'T', ' ', 't'),
  });
  return parts.map((p) => {
    const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
    const seconds = p.second === null ? '' : `:${pad(p.second)}${p.fraction === null ? '' : `.${p.fraction}`}`;
    const time = `${pad(p.hour)}:${pad(p.minute)}${seconds}`;
    if (format === 'date') return date;
    if (format === 'time') return time;
    return `${date}${p.separator}${time}${p.zone}`;
  });
}

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
        return def.format === 'datetime' || def.format === 'date' || def.format === 'time'
          ? fc.oneof(
              { arbitrary: aroundDateTime(def.format), weight: 5 },
              { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
            )
          : fc.string({ maxLength: 6 });
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
