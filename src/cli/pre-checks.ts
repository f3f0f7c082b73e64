import { fitsDenomination, type Product } from '../domain/catalogue.js';
import type { Template } from '../domain/template.js';
import type { Huuray } from '../huuray.js';
import { money } from './args.js';
import { CliExit, ExitCode } from './exit-codes.js';
import type { Output } from './output.js';
import { type Purchase, previewSpend, type SpendPreview, shortfalls } from './preview.js';

/** Who one gift card goes to, as far as the delivery channel is concerned. */
export interface Delivery {
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
}

/** Everything a money-moving command is about to ask for, before it asks. */
export interface OrderPlan {
  readonly purchases: readonly Purchase[];
  /** The delivery template and the recipients it must reach; absent for codes without delivery. */
  readonly delivery?: { readonly templateId: number; readonly recipients: readonly Delivery[] } | undefined;
}

/** What the account says about the plan: the money, and every reason Huuray would refuse it. */
export interface Assessment {
  readonly preview: SpendPreview[];
  /** Empty when nothing the CLI can see would be refused. */
  readonly refusals: string[];
  /** The plan's delivery template, when the account has it. */
  readonly template: Template | undefined;
}

/** The catalogue's values of a product as people read them: `50, 100, 10-500 DKK`. */
export function offeredValues(product: Product): string {
  const values = [...product.denominations.map(String), ...product.denominationRanges.map((r) => `${r.min}-${r.max}`)];
  return `${values.length === 0 ? 'none' : values.join(', ')} ${product.currency ?? ''}`.trim();
}

/** The reasons Huuray would refuse `purchase` of `product` (undefined: not in the account's catalogue). */
export function productRefusals(product: Product | undefined, purchase: Purchase): string[] {
  const which = purchase.rows === undefined ? '' : ` [${purchase.rows}]`;
  return refusalsOf(product, purchase).map((reason) => `${reason}${which}`);
}

function refusalsOf(product: Product | undefined, purchase: Purchase): string[] {
  const { productToken, currency, valueMinor } = purchase;
  if (product === undefined) {
    return [`product ${productToken} is not in your account's catalogue (see \`huuray catalogue\`) (--product)`];
  }
  const refusals: string[] = [];
  if (!product.active) refusals.push(`product ${productToken} is not active (--product)`);
  if (product.currency !== null && product.currency !== currency) {
    // The value cannot be judged in a currency the product is not sold in.
    refusals.push(`product ${productToken} is sold in ${product.currency}, not ${currency} (--currency)`);
  } else if (!fitsDenomination(product, valueMinor)) {
    refusals.push(
      `${money(valueMinor, currency)} is not a face value of product ${productToken}; it offers ${offeredValues(product)} (--value)`,
    );
  }
  return refusals;
}

/** Why `template` cannot deliver to every recipient (an SMS template needs phones, an email one emails). */
export function deliveryRefusals(
  template: Template | undefined,
  templateId: number,
  recipients: readonly Delivery[],
): string[] {
  if (template === undefined) {
    return [
      `template ${templateId} is not an email or SMS template of this account (see \`huuray templates\`) (--template)`,
    ];
  }
  const sms = template.type?.toLowerCase() === 'sms';
  const lacking = recipients.filter((r) => (sms ? r.phone : r.email) === undefined).length;
  if (lacking === 0) return [];
  const flag = sms ? '--phone' : '--email';
  const who =
    recipients.length === 1 ? `no ${flag} was given` : `${lacking} recipient(s) have no ${sms ? 'phone' : 'email'}`;
  return [`template ${templateId} delivers by ${sms ? 'SMS' : 'email'} and ${who} (--template)`];
}

/**
 * Asks the account what it can about `plan` before anything is sent: catalogue (product, active,
 * currency, face value), templates (exists, channel fits the recipients), stock, and balances after
 * discount and exchange. Everything Huuray would certainly refuse becomes a refusal here.
 */
export async function assessPlan(huuray: Huuray, plan: OrderPlan): Promise<Assessment> {
  const delivery = plan.delivery;
  const [products, balances, templates] = await Promise.all([
    huuray.catalogue({ all: false }),
    huuray.balances(),
    delivery === undefined ? Promise.resolve([] as Template[]) : huuray.templates(),
  ]);
  const refusals: string[] = [];
  const orderable: Purchase[] = [];
  for (const purchase of merged(plan.purchases)) {
    const product = products.find((p) => p.productToken === purchase.productToken);
    const problems = productRefusals(product, purchase);
    refusals.push(...problems);
    if (problems.length === 0 && product !== undefined) orderable.push(purchase);
  }
  const template = delivery === undefined ? undefined : templates.find((t) => t.id === delivery.templateId);
  if (delivery !== undefined) refusals.push(...deliveryRefusals(template, delivery.templateId, delivery.recipients));
  refusals.push(...(await stockRefusals(huuray, orderable, products)));
  const preview = await previewSpend(huuray, plan.purchases, { products, balances });
  refusals.push(...shortfalls(preview));
  return { preview, refusals, template };
}

function merged(purchases: readonly Purchase[]): Purchase[] {
  const byKey = new Map<string, Purchase>();
  for (const p of purchases) {
    const key = `${p.productToken}\u0000${p.currency}\u0000${p.valueMinor}`;
    const seen = byKey.get(key);
    byKey.set(key, seen === undefined ? p : { ...p, count: seen.count + p.count, rows: undefined });
  }
  return [...byKey.values()];
}

async function stockRefusals(
  huuray: Huuray,
  purchases: readonly Purchase[],
  products: readonly Product[],
): Promise<string[]> {
  const counted = purchases.filter((p) => {
    // A real-time product is bought from the brand when ordered: its stock figure does not limit orders.
    const product = products.find((x) => x.productToken === p.productToken);
    return !/real/i.test(product?.realTimeStock ?? '');
  });
  const answers = await Promise.all(
    counted.map((p) =>
      huuray.stock({ productToken: p.productToken, valueMinor: p.valueMinor }).then(
        (stock) => ({ p, stock }),
        // A stock lookup that fails says nothing certain; the order itself will tell.
        () => ({ p, stock: null }),
      ),
    ),
  );
  return answers
    .filter((a): a is { p: Purchase; stock: number } => a.stock !== null && a.stock < a.p.count)
    .map(
      ({ p, stock }) =>
        `only ${stock} in stock of product ${p.productToken} at ${money(p.valueMinor, p.currency)}; ${p.count} needed`,
    );
}

/**
 * Ends the command with exit 2 when the assessment found anything Huuray would refuse. With
 * `--dry-run` the plan is still printed (one JSON document with `--json`), marked "would be refused".
 */
export function stopIfRefused(
  out: Output,
  flags: { readonly dryRun?: boolean | undefined },
  action: string,
  assessment: Assessment,
  plan: Record<string, unknown>,
): void {
  if (assessment.refusals.length === 0) return;
  for (const reason of assessment.refusals) out.say(`  would be refused: ${reason}`);
  if (flags.dryRun === true) {
    out.say('dry run: would be refused; nothing was sent');
    out.result(
      // A copy: redact() prints a second reference to one array as "[Circular]".
      { dryRun: true, sent: false, wouldBeRefused: true, refusals: [...assessment.refusals], action, plan },
      () => undefined,
    );
    throw new CliExit(ExitCode.usage);
  }
  throw new CliExit(ExitCode.usage, `refused before sending: ${assessment.refusals.join('; ')}; nothing was sent`);
}
