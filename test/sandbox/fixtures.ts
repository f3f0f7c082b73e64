/** Shared pieces of the sandbox tests: picking products and building order bodies. */
import type { Sandbox, SandboxProduct } from '../../src/sandbox/index.js';

/** An active product in `currency` with plenty of stock for its first value. */
export function productIn(sandbox: Sandbox, currency: string): SandboxProduct & { value: number } {
  const product = sandbox.state.products.find((p) => p.currency === currency && p.active);
  const value = product?.denominations[0];
  if (product === undefined || value === undefined) throw new Error(`no active ${currency} product`);
  sandbox.state.setStock(product.token, value, 1000);
  return { ...product, value };
}

/** A template id of the default account by type. */
export function templateId(sandbox: Sandbox, type: 'Email' | 'SMS' | 'PDF'): number {
  const template = sandbox.state.account().templates.find((t) => t.Type === type);
  if (template === undefined) throw new Error(`no ${type} template`);
  return template.Id;
}

/** A valid sync order body for `product`, delivered by e-mail to one recipient. */
export function orderBody(
  sandbox: Sandbox,
  product: SandboxProduct & { value: number },
  overrides: { Quantity?: number; Sync?: boolean; RefID?: string } = {},
): Record<string, unknown> {
  return {
    Sync: overrides.Sync ?? true,
    RefID: overrides.RefID ?? 'ref-1',
    Product: {
      Token: product.token,
      Value: product.value,
      Currency: product.currency,
      Quantity: overrides.Quantity ?? 1,
    },
    DeliveryTemplateId: templateId(sandbox, 'Email'),
    Recipients: [{ Name: 'Ada Lovelace', Email: 'ada@example.com', Phone: '+4512345678', RefID: 'emp-1' }],
  };
}
