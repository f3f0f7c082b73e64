import type { components } from '../../generated/openapi.js';

type Schemas = components['schemas'];

/**
 * What the client does with a response field:
 * - `mapped`: read by the facade (src/domain, src/huuray.ts, src/orders.ts) or the transport;
 * - `secret`: mapped, and bearer money: `redact()` removes it (and its camelCase form);
 * - `ignored`: deliberately not read, with the reason in a comment.
 */
export type WireFieldUse = 'mapped' | 'secret' | 'ignored';

/** The response schemas, each field classified. A new field in the spec fails the type check here. */
type Classified<Names extends keyof Schemas> = {
  readonly [S in Names]: { readonly [F in keyof Required<Schemas[S]>]-?: WireFieldUse };
};

type ResponseSchema =
  | 'Response'
  | 'BalanceResponse'
  | 'BalanceItem'
  | 'CancelResponse'
  | 'CancelVoucher'
  | 'CatalogueResponse'
  | 'CatalogueProduct'
  | 'ExchangeRatesResponse'
  | 'OrderResponse'
  | 'OrderVoucher'
  | 'OrderRecipient'
  | 'ResendResponse'
  | 'SearchResponse'
  | 'SearchVoucher'
  | 'SearchRecipient'
  | 'StockResponse'
  | 'TemplateResponse'
  | 'TemplateItem';

// Status/Message/StatusMessage are read by the transport for errors (src/core/transport.ts); on a
// success body the HTTP status already says everything, so they are classed by that use.
const envelope = { Status: 'mapped', Message: 'mapped', StatusMessage: 'mapped' } as const;

/**
 * Every response field of the vendored spec and what the client does with it. Checked both ways by
 * test/spec/response-coverage.test.ts against the spec and the facade's source, and by the type
 * checker against the generated types.
 */
export const RESPONSE_FIELDS: Classified<ResponseSchema> = {
  Response: envelope,
  BalanceResponse: { ...envelope, Balances: 'mapped' },
  BalanceItem: { Currency: 'mapped', Balance: 'mapped', Master: 'mapped' },
  CancelResponse: { ...envelope, OrderUID: 'mapped', OrderCancelled: 'mapped', Vouchers: 'mapped' },
  CancelVoucher: { ID: 'mapped', Cancelled: 'mapped' },
  CatalogueResponse: { ...envelope, Products: 'mapped' },
  CatalogueProduct: {
    ProductToken: 'mapped',
    BrandName: 'mapped',
    Country: 'mapped',
    CountryCode: 'mapped',
    Discount: 'mapped',
    Denominations: 'mapped',
    Currency: 'mapped',
    RealTimeStock: 'mapped',
    Categories: 'mapped',
    LanguageCode: 'mapped',
    Active: 'mapped',
    BrandDescription: 'mapped',
    RedemptionInstructions: 'mapped',
    LogoFile: 'mapped',
  },
  ExchangeRatesResponse: { ...envelope, ExchangeRate: 'mapped', Spread: 'mapped' },
  OrderResponse: { ...envelope, OrderUID: 'mapped', RefID: 'mapped', Vouchers: 'mapped' },
  OrderVoucher: {
    ID: 'mapped',
    Code: 'secret',
    CVV: 'secret',
    RedeemLink: 'secret',
    Expires: 'mapped',
    Recipient: 'mapped',
  },
  OrderRecipient: { Name: 'mapped', Email: 'mapped', Phone: 'mapped', RefID: 'mapped' },
  ResendResponse: { ...envelope, NumberOfResends: 'mapped' },
  SearchResponse: { ...envelope, OrderUID: 'mapped', RefID: 'mapped', Vouchers: 'mapped' },
  SearchVoucher: {
    ID: 'mapped',
    Code: 'secret',
    CVV: 'secret',
    RedeemLink: 'secret',
    Expires: 'mapped',
    Recipient: 'mapped',
  },
  SearchRecipient: { Name: 'mapped', Email: 'mapped', Phone: 'mapped', RefID: 'mapped' },
  StockResponse: { ...envelope, Stock: 'mapped' },
  TemplateResponse: { ...envelope, Templates: 'mapped' },
  TemplateItem: {
    Id: 'mapped',
    Name: 'mapped',
    Type: 'mapped',
    Language: 'mapped',
    Sender: 'mapped',
    Subject: 'mapped',
    FormattedText: 'mapped',
    PlainText: 'mapped',
  },
};

const camel = (name: string): string => name.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (head) => head.toLowerCase());

/** Every field classed `secret`, in the API's PascalCase and the facade's camelCase (`RedeemLink`, `redeemLink`). */
export const SECRET_FIELD_NAMES: ReadonlySet<string> = new Set(
  Object.values(RESPONSE_FIELDS).flatMap((fields) =>
    Object.entries(fields)
      .filter(([, use]) => use === 'secret')
      .flatMap(([name]) => [name, camel(name)]),
  ),
);
