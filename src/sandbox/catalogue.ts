/**
 * The deterministic product catalogue. Long texts come from small shared pools so that a 100,000
 * product catalogue for benchmarks builds in a few hundred milliseconds and stays small in memory.
 */
import { createPrng, type Prng } from './prng.js';

/** One product the sandbox sells. Denominations and stock are aligned lists. */
export interface SandboxProduct {
  /** Product token, as orders take it. */
  readonly token: string;
  /** Brand shown to recipients. */
  readonly brandName: string;
  /** Country name. */
  readonly country: string;
  /** ISO 3166-1 alpha-2 code. */
  readonly countryCode: string;
  /** ISO 4217 code of its denominations. */
  readonly currency: string;
  /** Language of its texts. */
  readonly languageCode: string;
  /** Orderable values in minor units of `currency`; the catalogue lists them comma-separated. */
  readonly denominations: readonly number[];
  /** Remaining codes per denomination, same order as `denominations`; orders lower it. */
  readonly stock: number[];
  /** Percent with two decimals, as the API's `decimal(5,2)`. */
  discount: number;
  /** `RealTime` when stock is asked of the brand at order time, `Stock` for codes held. */
  realTimeStock: 'RealTime' | 'Stock';
  /** Catalogue categories. */
  readonly categories: readonly string[];
  /** `false` makes orders answer "product inactive". */
  active: boolean;
  /** Brand description text. */
  readonly brandDescription: string;
  /** How a recipient redeems it. */
  readonly redemptionInstructions: string;
  /** Logo file name. */
  readonly logoFile: string;
  /** Days from ordering until a voucher expires by default; an order may ask for less, never more. */
  readonly expiryDays: number;
}

interface Market {
  readonly countryCode: string;
  readonly country: string;
  readonly currency: string;
  readonly language: string;
  /** Typical gift-card values in minor units. */
  readonly values: readonly number[];
}

const MARKETS: readonly Market[] = [
  {
    countryCode: 'DK',
    country: 'Denmark',
    currency: 'DKK',
    language: 'da',
    values: [5000, 10000, 20000, 50000, 100000],
  },
  { countryCode: 'SE', country: 'Sweden', currency: 'SEK', language: 'sv', values: [10000, 25000, 50000, 100000] },
  { countryCode: 'NO', country: 'Norway', currency: 'NOK', language: 'nb', values: [10000, 20000, 50000, 100000] },
  { countryCode: 'DE', country: 'Germany', currency: 'EUR', language: 'de', values: [1000, 2500, 5000, 10000] },
  { countryCode: 'FR', country: 'France', currency: 'EUR', language: 'fr', values: [1000, 2000, 5000, 10000] },
  { countryCode: 'FI', country: 'Finland', currency: 'EUR', language: 'fi', values: [1000, 2500, 5000] },
  { countryCode: 'GB', country: 'United Kingdom', currency: 'GBP', language: 'en', values: [1000, 2500, 5000, 10000] },
  {
    countryCode: 'US',
    country: 'United States',
    currency: 'USD',
    language: 'en',
    values: [500, 1000, 2500, 5000, 10000],
  },
  { countryCode: 'PL', country: 'Poland', currency: 'PLN', language: 'pl', values: [5000, 10000, 20000] },
  { countryCode: 'JP', country: 'Japan', currency: 'JPY', language: 'ja', values: [1000, 3000, 5000, 10000] },
  { countryCode: 'KW', country: 'Kuwait', currency: 'KWD', language: 'ar', values: [5000, 10000, 20000] },
];

const CATEGORIES = [
  'Fashion',
  'Food & Drink',
  'Entertainment',
  'Electronics',
  'Travel',
  'Home & Garden',
  'Beauty',
  'Sports',
  'Books',
  'Gaming',
  'Experiences',
  'Charity',
];

const BRAND_FIRST = ['Nordic', 'Urban', 'Golden', 'Blue', 'Green', 'Royal', 'Happy', 'Silver', 'Wild', 'Bright'];
const BRAND_SECOND = [
  'Books',
  'Kitchen',
  'Outfitters',
  'Cinema',
  'Spa',
  'Games',
  'Travel',
  'Market',
  'Coffee',
  'Sports',
];
const BRAND_SUFFIX = ['', ' Store', ' Gift Card', ' Group', ' & Co.', ' Online'];

const DESCRIPTION_OPENINGS = [
  'A well-loved chain with stores in most larger cities and a web shop that delivers nationwide.',
  'Independent since 1987, known for friendly staff, a generous returns policy and seasonal offers.',
  'One of the most popular gift cards in its category, accepted both in physical stores and online.',
  'Offers a wide range of products for every taste and budget, from everyday essentials to treats.',
];
const DESCRIPTION_ENDINGS = [
  ' The gift card can be used for all regular products, including items on sale, and can be combined with other gift cards.',
  ' Balances that are not used in one purchase remain on the card until it expires; the card cannot be exchanged for cash.',
  ' Perfect as a thank-you to employees and customers, or as a reward in loyalty and incentive programmes.',
];
const INSTRUCTIONS = [
  'Open the link in the e-mail or SMS, show the code at the checkout or enter it on the website when you pay. The remaining balance stays on the card.',
  'Enter the code and PIN in the gift card field at checkout. In stores, show the barcode on your phone to the cashier. Not exchangeable for cash.',
  'Redeem online by entering the code in your basket, or in store by presenting the voucher. Valid until the expiry date shown on the voucher.',
];

const DESCRIPTIONS = DESCRIPTION_OPENINGS.flatMap((opening) => DESCRIPTION_ENDINGS.map((end) => opening + end));

function pickSome(prng: Prng, items: readonly number[], min: number): number[] {
  const chosen = items.filter(() => prng.next() < 0.7);
  return chosen.length >= min ? chosen : items.slice(0, min);
}

function categoriesFor(prng: Prng): string[] {
  const count = prng.int(1, 3);
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(prng.pick(CATEGORIES));
  return [...chosen];
}

/**
 * `size` products from `seed`: every market appears, about one in twenty is inactive, real-time
 * products start with plenty of stock and stocked products with 20-500 codes per value.
 */
export function generateCatalogue(seed: number, size: number): SandboxProduct[] {
  const prng = createPrng(seed, 'catalogue');
  const products: SandboxProduct[] = [];
  for (let i = 0; i < size; i++) {
    const market = MARKETS[i % MARKETS.length] ?? (MARKETS[0] as Market);
    const denominations = pickSome(prng, market.values, 2);
    const realTime = prng.next() < 0.3;
    const brandName = `${prng.pick(BRAND_FIRST)} ${prng.pick(BRAND_SECOND)}${prng.pick(BRAND_SUFFIX)}`;
    const token = `${prng.hex(12)}${i.toString(16).padStart(5, '0')}`;
    products.push({
      token,
      brandName,
      country: market.country,
      countryCode: market.countryCode,
      currency: market.currency,
      languageCode: market.language,
      denominations,
      stock: denominations.map(() => (realTime ? 100_000 : prng.int(20, 500))),
      discount: prng.int(0, 800) / 100,
      realTimeStock: realTime ? 'RealTime' : 'Stock',
      categories: categoriesFor(prng),
      active: prng.next() >= 0.05,
      brandDescription: prng.pick(DESCRIPTIONS),
      redemptionInstructions: prng.pick(INSTRUCTIONS),
      logoFile: `https://cdn.sandbox.huuray.invalid/logos/${token}.png`,
      expiryDays: prng.pick([365, 730, 1095]),
    });
  }
  return products;
}
