import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { components } from '../../generated/openapi.js';
import type * as zod from '../../generated/zod.js';

type Schemas = components['schemas'];

/**
 * zod's `.nullish()` types an optional property as `T | null | undefined` where openapi-typescript
 * writes `T | null` (the key itself being optional). Dropping `undefined` from property types, and
 * keeping which keys are optional, makes the two comparable without hiding any other difference.
 */
type Comparable<T> = T extends readonly (infer U)[]
  ? Comparable<U>[]
  : T extends object
    ? { [K in keyof T]: Comparable<Exclude<T[K], undefined>> }
    : T;

type FromZod = { [K in keyof Schemas]: Comparable<z.output<(typeof zod)[`z${K}`]>> };
type FromOpenApi = { [K in keyof Schemas]: Comparable<Schemas[K]> };

describe('generated zod schemas agree with the openapi-typescript types', () => {
  it('for every component schema at once', () => {
    expectTypeOf<FromZod>().toEqualTypeOf<FromOpenApi>();
  });

  it('spot checks that would catch a bigint or Date mapping', () => {
    expectTypeOf<z.output<typeof zod.zBalanceItem>['Balance']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<z.output<typeof zod.zOrderVoucher>['Expires']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<z.output<typeof zod.zOrderProduct>>().toEqualTypeOf<Comparable<z.output<typeof zod.zOrderProduct>>>();
  });
});
