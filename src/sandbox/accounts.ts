/** B2B accounts of the sandbox: credentials, balances, templates, product access. */
import { createPrng } from './prng.js';

/** A delivery template; only Email and SMS templates are listed by the Template operation. */
export interface SandboxTemplate {
  /** Template id, as `DeliveryTemplateID` takes it. */
  readonly Id: number;
  /** Name shown in the dashboard. */
  readonly Name: string;
  /** `Email` and `SMS` need the recipients' e-mail or phone; `PDF` needs nothing and is not listed. */
  readonly Type: 'Email' | 'SMS' | 'PDF';
  /** Language code of its text. */
  readonly Language: string;
  /** Sender name of the email or SMS. */
  readonly Sender: string;
  /** Email subject. */
  readonly Subject: string;
  /** HTML body. */
  readonly FormattedText: string;
  /** Plain-text body. */
  readonly PlainText: string;
}

/** How a test describes an account; everything is optional and defaults are deterministic from the seed. */
export interface SandboxAccountOptions {
  /** `X-API-TOKEN`; generated from the seed when absent. */
  readonly token?: string;
  /** The API secret; generated from the seed when absent. */
  readonly secret?: string;
  /** Minor units per currency. Defaults to DKK 100,000.00, EUR 10,000.00 and USD 10,000.00. */
  readonly balances?: Readonly<Record<string, number>>;
  /** The currency charged when an order's currency has no balance; defaults to the first balance. */
  readonly masterCurrency?: string;
  /** Whether Code, CVV and RedeemLink are returned (Huuray's ReturnCode account flag). Default true. */
  readonly returnCode?: boolean;
  /** Delivery templates; default one Email, one SMS and one PDF template. `[]` for none. */
  readonly templates?: readonly (Partial<SandboxTemplate> & Pick<SandboxTemplate, 'Type'>)[];
  /** Product tokens this account may order, or `'all'` (the default). */
  readonly products?: 'all' | readonly string[];
  /** Discount percent per product token, instead of the product's own. */
  readonly discounts?: Readonly<Record<string, number>>;
}

/** A live account in the sandbox state. Fields are mutable so tests can change them mid-run. */
export interface SandboxAccount {
  /** The API token requests must carry. */
  readonly token: string;
  /** The secret their hash must be made with. */
  readonly secret: string;
  /** Minor units per currency. */
  readonly balances: Map<string, number>;
  /** Currency charged when an order's own currency has no balance. */
  masterCurrency: string;
  /** Whether order answers and searches include codes (Huuray's ReturnCode setting). */
  returnCode: boolean;
  /** Delivery templates; empty makes the template list answer 404. */
  templates: SandboxTemplate[];
  /** `'all'` or the set of product tokens the account may order. */
  products: 'all' | Set<string>;
  /** Discount percent per product token, overriding the product's own. */
  readonly discounts: Map<string, number>;
}

const DEFAULT_BALANCES: Readonly<Record<string, number>> = { DKK: 10_000_000, EUR: 1_000_000, USD: 1_000_000 };

function template(id: number, partial: Partial<SandboxTemplate> & Pick<SandboxTemplate, 'Type'>): SandboxTemplate {
  const type = partial.Type;
  return {
    Id: partial.Id ?? id,
    Name: partial.Name ?? `Sandbox ${type} template`,
    Type: type,
    Language: partial.Language ?? 'en',
    Sender: partial.Sender ?? 'Sandbox Gifts',
    Subject: partial.Subject ?? 'You have received a gift card',
    FormattedText: partial.FormattedText ?? '<p>Hello {name},</p><p>Here is your gift card: {link}</p>',
    PlainText: partial.PlainText ?? 'Hello {name}, here is your gift card: {link}',
  };
}

/**
 * Builds the accounts from the options (one default account when none are given). Template ids run
 * from 1001 across accounts so an id names one template of one account.
 */
export function createAccounts(seed: number, options: readonly SandboxAccountOptions[] | undefined): SandboxAccount[] {
  const prng = createPrng(seed, 'accounts');
  const list = options === undefined || options.length === 0 ? [{}] : options;
  let nextTemplateId = 1001;
  return list.map((option) => {
    const generatedToken = `sbx-${prng.hex(24)}`;
    const generatedSecret = prng.hex(48);
    const balances = new Map(Object.entries(option.balances ?? DEFAULT_BALANCES));
    const firstCurrency = balances.keys().next().value;
    const templates = (option.templates ?? [{ Type: 'Email' }, { Type: 'SMS' }, { Type: 'PDF' }]).map((partial) =>
      template(nextTemplateId++, partial),
    );
    return {
      token: option.token ?? generatedToken,
      secret: option.secret ?? generatedSecret,
      balances,
      masterCurrency: option.masterCurrency ?? firstCurrency ?? 'DKK',
      returnCode: option.returnCode ?? true,
      templates,
      products: option.products === undefined || option.products === 'all' ? 'all' : new Set(option.products),
      discounts: new Map(Object.entries(option.discounts ?? {})),
    };
  });
}

/** Whether `account` may order the product with `token`. */
export function mayOrder(account: SandboxAccount, token: string): boolean {
  return account.products === 'all' || account.products.has(token);
}
