import { money } from '../args.js';
import type { CommandContext } from '../context.js';
import { CliExit, ExitCode } from '../exit-codes.js';
import { findRecord } from '../order-record.js';
import { discounted } from '../preview.js';
import type { TargetFlags } from './order-target.js';

/** The money a resend or cancel touches, as far as this machine knows it. */
export interface TargetMoney {
  readonly currency: string;
  readonly faceEachMinor: number;
  readonly faceTotalMinor: number;
  /** Cancel only: the balance that is refunded, before and after (an estimate: cost after discount). */
  readonly balanceBeforeMinor: number | null;
  readonly balanceAfterMinor: number | null;
}

/** What {@link describeTarget} found: the confirmation text and the plan for `--dry-run --json`. */
export interface Target {
  readonly action: string;
  readonly plan: Record<string, unknown>;
}

/**
 * Looks the order up and prints what a resend or cancel will affect, with the money: face value and
 * currency, and for a cancel the balance before and after the refund. Huuray's search does not report
 * an order's value, so it comes from the record of orders placed from this directory (send, issue,
 * campaign journals); without one the preview says so rather than guess.
 */
export async function describeTarget(
  { huuray, out, io }: CommandContext,
  verb: 'resend' | 'cancel',
  flags: TargetFlags,
): Promise<Target> {
  const order = await huuray.orders.find({ orderUid: flags.order });
  // Huuray would refuse a resend or cancel of an order or voucher that does not exist: refused here.
  if (order === null) throw new CliExit(ExitCode.usage, `no order ${flags.order} found; nothing was done`);
  const vouchers = flags.voucher === undefined ? order.vouchers : order.vouchers.filter((v) => v.id === flags.voucher);
  if (flags.voucher !== undefined && vouchers.length === 0) {
    throw new CliExit(ExitCode.usage, `order ${flags.order} has no voucher ${flags.voucher}; nothing was done`);
  }
  const what =
    flags.voucher === undefined ? `order ${order.orderUid}` : `voucher ${flags.voucher} of order ${order.orderUid}`;
  out.say(out.style('bold', `Will ${verb} ${what}${order.refId === null ? '' : ` (refId ${order.refId})`}:`));
  for (const v of vouchers) {
    out.say(`  voucher ${v.id ?? '?'}  ${v.recipient?.email ?? v.recipient?.phone ?? '(no recipient)'}`);
  }
  const record = findRecord(io.cwd, { orderUid: order.orderUid });
  let targetMoney: TargetMoney | null = null;
  if (record === null) {
    out.say(
      `  face value not known here: Huuray's search does not report it, and this order is not in .huuray/ of this directory`,
    );
  } else {
    const n = vouchers.length;
    const face = record.valueMinor * n;
    out.say(
      `  ${n} gift card(s) of ${money(record.valueMinor, record.currency)}: face value ${money(face, record.currency)} (product ${record.productToken})`,
    );
    let before: number | null = null;
    let after: number | null = null;
    if (verb === 'cancel') {
      const [balances, products] = await Promise.all([huuray.balances(), huuray.catalogue({ all: false })]);
      const own = balances.find((b) => b.currency === record.currency);
      const discount = products.find((p) => p.productToken === record.productToken)?.discountPercent ?? null;
      const refund = (discount === null ? record.valueMinor : discounted(record.valueMinor, discount)) * n;
      if (own === undefined) {
        out.say(
          `  the refund goes to the balance that paid (no ${record.currency} balance; it was charged by exchange)`,
        );
      } else {
        before = own.amountMinor;
        after = own.amountMinor + refund;
        out.say(
          `  balance ${money(before, record.currency)} -> about ${money(after, record.currency)} (refund of what the cards cost)`,
        );
      }
    }
    targetMoney = {
      currency: record.currency,
      faceEachMinor: record.valueMinor,
      faceTotalMinor: face,
      balanceBeforeMinor: before,
      balanceAfterMinor: after,
    };
  }
  const worth = targetMoney === null ? '' : ` worth ${money(targetMoney.faceTotalMinor, targetMoney.currency)}`;
  return {
    action: `${verb} ${vouchers.length} gift card(s)${worth} of ${what}`,
    plan: { orderUid: order.orderUid, voucherId: flags.voucher ?? null, vouchers: vouchers.length, money: targetMoney },
  };
}
