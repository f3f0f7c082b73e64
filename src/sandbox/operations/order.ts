/**
 * POST /v4/Order. The handler is synchronous from the first check to the last update on purpose:
 * with no await in between, concurrent orders cannot both pass the balance or stock check and
 * spend the same money or codes twice.
 */
import { mayOrder, type SandboxAccount } from '../accounts.js';
import type { SandboxProduct } from '../catalogue.js';
import { rfc3339 } from '../ids.js';
import { convert, orderCost } from '../money.js';
import { failure, type HandlerResult, success, TEXTS } from '../responses.js';
import type { Charge, SandboxOrder, SandboxRecipient, SandboxState } from '../state.js';
import { parseBody, strictOrderRequest } from '../validation.js';
import type { Handler } from './context.js';
import { completeOrder, renderVoucher } from './vouchers.js';

/** Huuray's limit for `Sync: true` orders. */
export const MAX_SYNC_QUANTITY = 25;
const DAY_MS = 86_400_000;

/** The balance that pays `cost` (see money.ts for the rule), or the failure when none can. */
function chargeFor(
  state: SandboxState,
  account: SandboxAccount,
  currency: string,
  cost: number,
): Charge | HandlerResult {
  if (account.balances.has(currency)) return { currency, amount: cost };
  const master = account.masterCurrency;
  const rate = state.exchangeRate(currency, master);
  if (rate === undefined) return failure(422, `No exchange rate from ${currency} to the master currency ${master}`);
  return { currency: master, amount: convert(cost, currency, master, rate) };
}

function deliveryProblem(
  account: SandboxAccount,
  templateId: number | null | undefined,
  recipients: readonly SandboxRecipient[],
  quantity: number,
): string | undefined {
  if (recipients.length > 1 && recipients.length !== quantity) {
    return `Recipients must hold 1 recipient or exactly Product.Quantity (${quantity}), got ${recipients.length}`;
  }
  if (templateId === null || templateId === undefined) return undefined;
  const template = account.templates.find((t) => t.Id === templateId);
  if (template === undefined) return `${TEXTS.templateNotFound} (DeliveryTemplateId ${templateId})`;
  if (recipients.length === 0) return 'Recipients are required when DeliveryTemplateId is given';
  if (template.Type === 'Email' && recipients.some((r) => !r.Email)) {
    return 'Delivery Method set to Email but no email supplied';
  }
  if (template.Type === 'SMS' && recipients.some((r) => !r.Phone))
    return 'Delivery Method set to SMS but no phone supplied';
  return undefined;
}

function expiryOf(product: SandboxProduct, requested: string | null | undefined, now: number): string | HandlerResult {
  const latest = now + product.expiryDays * DAY_MS;
  if (requested === null || requested === undefined) return rfc3339(new Date(latest));
  const at = Date.parse(requested);
  if (Number.isNaN(at) || at <= now) return failure(400, 'Product.Expires must be a date-time in the future');
  if (at > latest)
    return failure(400, `Product.Expires cannot exceed the default expiration ${rfc3339(new Date(latest))}`);
  return rfc3339(new Date(at));
}

export const order: Handler = ({ state, account, body, asyncDelayMs, schedule }) => {
  const parsed = parseBody(strictOrderRequest, body);
  if ('error' in parsed) return parsed.error;
  const request = parsed.data;
  const { Token, Value, Currency, Quantity } = request.Product;
  if (Quantity < 1) return failure(400, 'Product.Quantity must be at least 1');
  if (request.Sync && Quantity > MAX_SYNC_QUANTITY) {
    return failure(400, `A sync order may have at most ${MAX_SYNC_QUANTITY} vouchers; order more with Sync: false`);
  }
  const product = state.product(Token);
  if (product === undefined) return failure(404, TEXTS.productNotFound);
  if (!mayOrder(account, product.token)) return failure(403, TEXTS.productNoAccess);
  if (!product.active) return failure(422, TEXTS.productInactive);
  if (Currency !== product.currency)
    return failure(400, `Product.Currency must be the product's currency ${product.currency}`);
  const index = product.denominations.indexOf(Value);
  if (index < 0) {
    return failure(
      400,
      `Product.Value ${Value} is not a denomination of this product (${product.denominations.join(',')})`,
    );
  }
  const recipients: SandboxRecipient[] = request.Recipients ?? [];
  const problem = deliveryProblem(account, request.DeliveryTemplateId, recipients, Quantity);
  if (problem !== undefined) return failure(400, problem);
  const now = Date.now();
  const expires = expiryOf(product, request.Product.Expires, now);
  if (typeof expires !== 'string') return expires;

  const cost = orderCost(Value, Quantity, account.discounts.get(product.token) ?? product.discount);
  const charge = chargeFor(state, account, product.currency, cost);
  if ('status' in charge) return charge;
  const available = account.balances.get(charge.currency) ?? 0;
  if (available < charge.amount) return failure(422, TEXTS.insufficientFunds);
  if ((product.stock[index] ?? 0) < Quantity) return failure(422, TEXTS.outOfStock);

  account.balances.set(charge.currency, available - charge.amount);
  product.stock[index] = (product.stock[index] ?? 0) - Quantity;
  const stored: SandboxOrder = {
    orderUID: state.nextOrderUid(),
    accountToken: account.token,
    refId: request.RefID ?? null,
    productToken: product.token,
    currency: product.currency,
    value: Value,
    quantity: Quantity,
    sync: request.Sync,
    status: 'pending',
    deliveryTemplateId: request.DeliveryTemplateId ?? null,
    deliveryDatetime: request.DeliveryDatetime ?? null,
    personalMessage: request.PersonalMessage ?? null,
    recipients,
    expires,
    createdAt: new Date(now).toISOString(),
    completedAt: null,
    charge,
    voucherIds: [],
    visibleFrom: 0,
  };
  state.addOrder(stored);
  const identity = { OrderUID: stored.orderUID, RefID: stored.refId };
  if (!request.Sync) {
    schedule(asyncDelayMs, () => completeOrder(state, stored));
    return success(202, identity);
  }
  const vouchers = completeOrder(state, stored).map((v) => renderVoucher(v, account.returnCode));
  return success(200, { ...identity, Vouchers: vouchers });
};
