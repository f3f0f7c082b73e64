import { parseRecipients } from '../../src/campaign/csv.js';
import type { CampaignParams, CampaignRow } from '../../src/campaign/types.js';
import { fitsDenomination } from '../../src/domain/catalogue.js';
import { Huuray } from '../../src/huuray.js';
import type { SandboxProcess } from '../helpers/sandbox-process.js';

/** A sandbox account rich enough for a thousand orders. */
export const RICH_ACCOUNT = { balances: { DKK: 1_000_000_000, EUR: 10_000_000, USD: 10_000_000 } };

/** An active DKK product of the sandbox with plenty of stock, its smallest value, and an email template. */
export async function pickCampaign(
  sandbox: SandboxProcess,
  needed: number,
): Promise<{ params: CampaignParams & { valueMinor: number }; discountPercent: number }> {
  const huuray = new Huuray({ token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url });
  const [products, templates] = await Promise.all([huuray.catalogue(), huuray.templates()]);
  const template = templates.find((t) => t.type?.toLowerCase() === 'email');
  if (template === undefined) throw new Error('the sandbox has no email template');
  for (const product of products) {
    if (product.currency !== 'DKK' || product.productToken === null || !product.active) continue;
    const value = product.denominations
      .map((d) => d * 100)
      .sort((a, b) => a - b)
      .find((v) => fitsDenomination(product, v));
    if (value === undefined) continue;
    if ((await huuray.stock({ productToken: product.productToken, valueMinor: value })) < needed) continue;
    return {
      params: { productToken: product.productToken, currency: 'DKK', valueMinor: value, templateId: template.id },
      discountPercent: product.discountPercent ?? 0,
    };
  }
  throw new Error(`no DKK product with stock for ${needed} orders`);
}

/** `count` validated rows of campaign `name`, through the same CSV validation the CLI uses. */
export function campaignRows(name: string, count: number, params: CampaignParams): CampaignRow[] {
  const lines = ['name,email'];
  for (let i = 0; i < count; i++) lines.push(`Person ${i},person${i}@example.com`);
  return parseRecipients(new TextEncoder().encode(`${lines.join('\n')}\n`), name, params);
}

/** Orders per refId, as the sandbox stored them. */
export function countByRefId(orders: readonly { refId: string | null }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const o of orders) if (o.refId !== null) counts.set(o.refId, (counts.get(o.refId) ?? 0) + 1);
  return counts;
}
