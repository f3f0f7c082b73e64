/** The read-only operations: Balance, Catalogue, ExchangeRates, Stock and Template. */
import { mayOrder } from '../accounts.js';
import type { SandboxProduct } from '../catalogue.js';
import { exponentOf } from '../currency.js';
import { failure, success, TEXTS } from '../responses.js';
import { parseBody, strictCatalogueRequest, strictStockRequest } from '../validation.js';
import type { Handler } from './context.js';

export const balance: Handler = ({ account }) =>
  success(200, {
    Balances: [...account.balances].map(([Currency, Balance]) => ({
      Currency,
      Balance,
      Master: Currency === account.masterCurrency,
    })),
  });

/**
 * The catalogue lists face values in major units ("100,250" DKK) while orders take minor units; the
 * client's `fitsDenomination` relies on this, so the sandbox keeps minor units inside and converts here.
 */
function majorUnits(minor: number, currency: string): string {
  const exponent = exponentOf(currency);
  if (exponent === 0) return String(minor);
  const text = String(minor).padStart(exponent + 1, '0');
  const fraction = text.slice(-exponent).replace(/0+$/, '');
  return fraction === '' ? text.slice(0, -exponent) : `${text.slice(0, -exponent)}.${fraction}`;
}

function catalogueEntry(product: SandboxProduct, discount: number | undefined): Record<string, unknown> {
  return {
    // The spec: "ProductToken is only part of the response if the 'all' request-parameter is 'false'".
    ...(discount === undefined ? {} : { ProductToken: product.token }),
    BrandName: product.brandName,
    Country: product.country,
    CountryCode: product.countryCode,
    Discount: discount ?? null,
    Denominations: product.denominations.map((d) => majorUnits(d, product.currency)).join(','),
    Currency: product.currency,
    RealTimeStock: product.realTimeStock,
    Categories: product.categories.join(','),
    LanguageCode: product.languageCode,
    Active: product.active,
    BrandDescription: product.brandDescription,
    RedemptionInstructions: product.redemptionInstructions,
    LogoFile: product.logoFile,
  };
}

/** `All: true` lists every product without token or discount; otherwise the account's own, with both. */
export const catalogue: Handler = ({ state, account, body }) => {
  const parsed = parseBody(strictCatalogueRequest, body ?? {});
  if ('error' in parsed) return parsed.error;
  const all = parsed.data.All === true;
  const products = all
    ? state.products.map((p) => catalogueEntry(p, undefined))
    : state.products
        .filter((p) => mayOrder(account, p.token))
        .map((p) => catalogueEntry(p, account.discounts.get(p.token) ?? p.discount));
  if (products.length === 0) return failure(404, TEXTS.noProducts);
  return success(200, { Products: products });
};

export const exchangeRates: Handler = ({ state, query }) => {
  const from = query.get('FromCurrency')?.toUpperCase() ?? '';
  const to = query.get('ToCurrency')?.toUpperCase() ?? '';
  if (!/^[A-Z]{3}$/.test(from) || !/^[A-Z]{3}$/.test(to)) {
    return failure(400, 'FromCurrency and ToCurrency must both be ISO 4217 codes such as EUR');
  }
  const rate = state.exchangeRate(from, to);
  if (rate === undefined) return failure(404, `No exchange rate from ${from} to ${to}`);
  return success(200, { ExchangeRate: rate.rateMicros / 1_000_000, Spread: rate.spreadPercent });
};

/** `Value` null means the product's default price, its first denomination. */
export const stock: Handler = ({ state, account, body }) => {
  const parsed = parseBody(strictStockRequest, body);
  if ('error' in parsed) return parsed.error;
  const product = state.product(parsed.data.ProductToken);
  if (product === undefined || !mayOrder(account, product.token)) return failure(404, TEXTS.productNotFound);
  const value = parsed.data.Value ?? product.denominations[0];
  const index = value === undefined ? -1 : product.denominations.indexOf(value);
  if (index < 0) {
    return failure(422, `Value ${value} is not a denomination of this product (${product.denominations.join(',')})`);
  }
  return success(200, { Stock: product.stock[index] ?? 0 });
};

/** PDF templates are not listed; an account with none at all gets the API's 404. */
export const template: Handler = ({ account }) => {
  if (account.templates.length === 0) return failure(404, TEXTS.noTemplates);
  const listed = account.templates.filter((t) => t.Type !== 'PDF');
  // Copied field by field so a test that pushes an odd object into the state cannot break the spec.
  const Templates = listed.map(({ Id, Name, Type, Language, Sender, Subject, FormattedText, PlainText }) => ({
    Id,
    Name,
    Type,
    Language,
    Sender,
    Subject,
    FormattedText,
    PlainText,
  }));
  return success(200, { Templates });
};
