/**
 * POST /v4/Search. Every field given must match (fields left out or null match anything); at least
 * one is required. The response describes one order, so when several match, the most recent
 * matching order is answered with its matching vouchers. An async order that is still pending is
 * found by order fields (OrderUID, RefID, ProductToken, template, DeliveryDatetime) with an empty
 * Vouchers list: the client learns the order landed. Nothing matching is a 404, as live.
 */
import type * as z from 'zod';
import { failure, success, TEXTS } from '../responses.js';
import type { SandboxOrder, SandboxState, SandboxVoucher } from '../state.js';
import { parseBody, strictSearchRequest } from '../validation.js';
import type { Handler } from './context.js';
import { renderVoucher } from './vouchers.js';

type Criteria = z.infer<typeof strictSearchRequest>;

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

function orderMatches(state: SandboxState, order: SandboxOrder, c: Criteria): boolean {
  if (given(c.OrderUID) && c.OrderUID !== order.orderUID) return false;
  if (given(c.RefID) && c.RefID !== order.refId) return false;
  if (given(c.ProductToken) && c.ProductToken !== order.productToken) return false;
  if (given(c.DeliveryDatetime)) {
    if (order.deliveryDatetime === null || Date.parse(order.deliveryDatetime) !== Date.parse(c.DeliveryDatetime)) {
      return false;
    }
  }
  const template = state.account(order.accountToken).templates.find((t) => t.Id === order.deliveryTemplateId);
  if (given(c.EmailTemplateID) && (template?.Type !== 'Email' || template.Id !== c.EmailTemplateID)) return false;
  if (given(c.SMSTemplateID) && (template?.Type !== 'SMS' || template.Id !== c.SMSTemplateID)) return false;
  return true;
}

function hasVoucherCriteria(c: Criteria): boolean {
  return [c.VoucherID, c.RecipientName, c.RecipientEmail, c.RecipientPhone, c.RecipientRefID].some(given);
}

function voucherMatches(voucher: SandboxVoucher, c: Criteria): boolean {
  const r = voucher.recipient;
  if (given(c.VoucherID) && c.VoucherID !== voucher.id) return false;
  if (given(c.RecipientName) && c.RecipientName !== r?.Name) return false;
  if (given(c.RecipientEmail) && c.RecipientEmail.toLowerCase() !== r?.Email?.toLowerCase()) return false;
  if (given(c.RecipientPhone) && c.RecipientPhone !== r?.Phone) return false;
  if (given(c.RecipientRefID) && c.RecipientRefID !== r?.RefID) return false;
  return true;
}

export const search: Handler = ({ state, account, body, fault }) => {
  const parsed = parseBody(strictSearchRequest, body ?? {});
  if ('error' in parsed) return parsed.error;
  if (!Object.values(parsed.data).some(given)) return failure(400, 'Give at least one field to search by');
  const now = Date.now();
  const visible = (o: SandboxOrder) => o.accountToken === account.token && o.visibleFrom <= now;
  if (fault?.kind === 'null-refid-search') {
    const orders = state.orders().filter(visible);
    const latest = orders.at(-1);
    return success(200, { OrderUID: latest?.orderUID ?? 'unrelated-order', RefID: null, Vouchers: [] });
  }
  const criteria = fault?.kind === 'search-ignores-refid' ? { ...parsed.data, RefID: null } : parsed.data;
  // By RefID, only that RefID's orders can match: a scan of every order made each search (the first
  // step of every send) slower the more orders the sandbox held.
  const orders = (given(criteria.RefID) ? state.ordersWithRefId(criteria.RefID) : state.orders()).filter(visible);
  const showCode = account.returnCode && given(criteria.VoucherID);
  for (let i = orders.length - 1; i >= 0; i--) {
    const order = orders[i];
    if (order === undefined || !orderMatches(state, order, criteria)) continue;
    const identity = { OrderUID: order.orderUID, RefID: order.refId };
    if (order.status === 'pending') {
      if (!hasVoucherCriteria(criteria)) return success(200, { ...identity, Vouchers: [] });
      continue;
    }
    const vouchers = order.voucherIds
      .map((id) => state.voucher(id))
      .filter((v): v is SandboxVoucher => v !== undefined && voucherMatches(v, criteria));
    if (vouchers.length > 0)
      return success(200, { ...identity, Vouchers: vouchers.map((v) => renderVoucher(v, showCode)) });
  }
  return failure(404, TEXTS.nothingFound);
};
