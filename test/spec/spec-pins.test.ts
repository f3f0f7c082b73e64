import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../scripts/spec/document.js';
import { vendoredSpecFile } from '../../scripts/spec/location.js';
import { isMoneyField, MONEY_FIELDS } from '../../scripts/spec/money-fields.js';
import { normaliseSpec, PRODUCTION_BASE_URL } from '../../scripts/spec-patches.js';
import { DEFAULT_BASE_URL } from '../../src/core/base-url.js';
import { facadeSources } from '../helpers/facade-sources.js';

// What the facade silently relies on, pinned, so a vendor change to it fails here instead of passing
// generation, the type check and every test (HUURAY issue 13).
type Property = { type?: string; format?: string; nullable?: boolean };
const published = parseSpecText(readFileSync(vendoredSpecFile(), 'utf8'));
const schemas = (published.components as { schemas: Record<string, { properties?: Record<string, Property> }> })
  .schemas;
const property = (schema: string, field: string): Property | undefined => schemas[schema]?.properties?.[field];

describe('money fields', () => {
  it.each(MONEY_FIELDS.map((m) => [`${m.schema}.${m.field}`, m] as const))(
    '%s is an integer in minor units',
    (_, { schema, field, format }) => {
      expect(property(schema, field)).toMatchObject({ type: 'integer', format });
      expect(property(schema, field)?.nullable ?? false).toBe(schema === 'StockRequest');
    },
  );

  it('knows every money-named field of the spec', () => {
    const found = Object.entries(schemas).flatMap(([schema, s]) =>
      Object.keys(s.properties ?? {})
        .filter(isMoneyField)
        .map((field) => `${schema}.${field}`),
    );
    expect(found.sort()).toEqual(MONEY_FIELDS.map((m) => `${m.schema}.${m.field}`).sort());
  });
});

/** Every field the facade reads with a `??` default (or `blank()`), and whether the spec lets it be null today. */
const DEFAULTED: Readonly<Record<string, boolean>> = {
  'BalanceResponse.Balances': true,
  'BalanceItem.Currency': true,
  'CatalogueResponse.Products': true,
  'BalanceItem.Balance': false,
  'BalanceItem.Master': false,
  'CatalogueProduct.ProductToken': true,
  'CatalogueProduct.BrandName': true,
  'CatalogueProduct.Country': true,
  'CatalogueProduct.CountryCode': true,
  'CatalogueProduct.Currency': true,
  'CatalogueProduct.Discount': true,
  'CatalogueProduct.RealTimeStock': true,
  'CatalogueProduct.LanguageCode': true,
  'CatalogueProduct.Active': false,
  'CatalogueProduct.BrandDescription': true,
  'CatalogueProduct.RedemptionInstructions': true,
  'CatalogueProduct.LogoFile': true,
  'OrderResponse.OrderUID': true,
  'OrderResponse.RefID': true,
  'OrderResponse.Vouchers': true,
  'SearchResponse.OrderUID': true,
  'SearchResponse.RefID': true,
  'SearchResponse.Vouchers': true,
  'OrderVoucher.ID': true,
  'OrderVoucher.Code': true,
  'OrderVoucher.CVV': true,
  'OrderVoucher.RedeemLink': true,
  'OrderVoucher.Expires': false,
  'SearchVoucher.ID': true,
  'SearchVoucher.Code': true,
  'SearchVoucher.CVV': true,
  'SearchVoucher.RedeemLink': true,
  'SearchVoucher.Expires': false,
  'OrderRecipient.Name': true,
  'OrderRecipient.Email': true,
  'OrderRecipient.Phone': true,
  'OrderRecipient.RefID': true,
  'SearchRecipient.Name': true,
  'SearchRecipient.Email': true,
  'SearchRecipient.Phone': true,
  'SearchRecipient.RefID': true,
  'TemplateResponse.Templates': true,
  'TemplateItem.Id': false,
  'TemplateItem.Name': true,
  'TemplateItem.Type': true,
  'TemplateItem.Language': true,
  'TemplateItem.Sender': true,
  'TemplateItem.Subject': true,
  'TemplateItem.FormattedText': true,
  'TemplateItem.PlainText': true,
  'StockResponse.Stock': true,
  'ExchangeRatesResponse.Spread': true,
  'ResendResponse.NumberOfResends': true,
  'CancelResponse.OrderCancelled': false,
  'CancelResponse.Vouchers': true,
  'CancelVoucher.ID': false,
  'CancelVoucher.Cancelled': false,
};

describe('fields the facade defaults', () => {
  it.each(Object.entries(DEFAULTED))('%s is nullable: %s', (path, nullable) => {
    const [schema = '', field = ''] = path.split('.');
    const found = property(schema, field);
    expect(found, `${path} is gone from the spec`).toBeDefined();
    expect(found?.nullable ?? false).toBe(nullable);
  });

  it('pins every field read with ?? in the facade', () => {
    const defaulted = new Set(
      facadeSources.flatMap((text) => [...text.matchAll(/\b\w+\.([A-Z]\w*) \?\?/g)].map((m) => m[1])),
    );
    const pinnedNames = new Set(Object.keys(DEFAULTED).map((path) => path.split('.')[1]));
    expect([...defaulted].filter((name) => !pinnedNames.has(name))).toEqual([]);
  });
});

describe('servers', () => {
  it('DEFAULT_BASE_URL is the spec’s server (the servers patch’s while the vendor ships none)', () => {
    const declared = published.servers as { url: string }[] | undefined;
    const servers = declared ?? (normaliseSpec(published).servers as { url: string }[]);
    expect(servers[0]?.url).toBe(DEFAULT_BASE_URL);
    expect(PRODUCTION_BASE_URL).toBe(DEFAULT_BASE_URL);
  });
});
