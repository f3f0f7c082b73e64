import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { zCatalogueResponse } from '../../generated/zod.js';
import { ESSENTIAL_FIELDS } from '../../src/core/essential-fields.js';
import { toProduct } from '../../src/domain/catalogue.js';
import { CatalogueReader } from '../../src/domain/catalogue-reader.js';
import { type HuurayEvent, HuurayResponseValidationError } from '../../src/index.js';
import { around } from '../helpers/around-schema.js';
import { fastHuuray } from '../helpers/fast-huuray.js';
import { json, startTestServer } from '../helpers/http-server.js';
import { closedAfterEach } from '../helpers/per-test.js';

// The reader replaces the transport's precheck for catalogue answers: it must say yes exactly where
// zod accepts the answer (and its essential fields), and its products must be what mapping the
// answer after the precheck gave.
const essential = ESSENTIAL_FIELDS['POST /v4/Catalogue'] as z.ZodType;

describe('catalogue reader', () => {
  it('accepts exactly what zod accepts, and maps as toProduct does', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(around(zCatalogueResponse), (body) => {
        const reader = new CatalogueReader();
        const zodSays = zCatalogueResponse.safeParse(body).success && essential.safeParse(body).success;
        expect(reader.check(body)).toBe(zodSays);
        if (!zodSays) {
          expect(reader.products).toBeUndefined();
          refused++;
          return;
        }
        accepted++;
        const list = (body as { Products?: Parameters<typeof toProduct>[0][] | null }).Products ?? [];
        expect(reader.products).toEqual(list.map(toProduct));
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });

  it('forgets the products of an earlier body once a later one is refused', () => {
    const reader = new CatalogueReader();
    expect(reader.check({ Products: [{ ProductToken: 'a', Categories: 'Books' }] })).toBe(true);
    expect(reader.products?.map((p) => p.productToken)).toEqual(['a']);
    expect(reader.check({ Products: [{ ProductToken: 1 }] })).toBe(false);
    expect(reader.products).toBeUndefined();
    expect(reader.check({ Status: 200 })).toBe(true);
    expect(reader.products).toEqual([]);
  });
});

describe('catalogue() with the reader in the transport', () => {
  const startServer = closedAfterEach(startTestServer);
  const product = {
    ProductToken: 'tok-1',
    BrandName: 'Nordic Books',
    Currency: 'DKK',
    Discount: 3.5,
    Denominations: '100, 250,500',
    Categories: 'Books,Entertainment',
    Active: true,
  };
  const serve = (answer: unknown) => startServer((_request, res) => json(res, 200, answer));

  it('maps a valid answer as toProduct does', async () => {
    const server = await serve({ Products: [product, { ...product, ProductToken: 'tok-2' }], Status: 200 });
    const products = await fastHuuray(server.url).catalogue();
    expect(products).toEqual([toProduct(product), toProduct({ ...product, ProductToken: 'tok-2' })]);
  });

  it('still lets zod and lenient reading decide an answer it cannot vouch for', async () => {
    const spoiled = { Products: [product, { ...product, ProductToken: 'tok-2', Discount: '3.5' }], Status: 200 };
    const events: HuurayEvent[] = [];
    const server = await serve(spoiled);
    const products = await fastHuuray(server.url, { logger: (e) => events.push(e) }).catalogue();
    expect(products.map((p) => [p.productToken, p.denominations])).toEqual([
      ['tok-1', [100, 250, 500]],
      ['tok-2', [100, 250, 500]],
    ]);
    const reported = events.filter((e) => e.type === 'response-validation').flatMap((e) => e.issues.map((i) => i.path));
    expect(reported).toContain('Products.1.Discount');
  });

  it('refuses an answer whose essential fields are wrong', async () => {
    const server = await serve({ Products: [product, { ...product, ProductToken: 5 }], Status: 200 });
    await expect(fastHuuray(server.url, { maxRetries: 0 }).catalogue()).rejects.toThrow(HuurayResponseValidationError);
  });
});
