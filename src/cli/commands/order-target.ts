import type { Command } from 'commander';
import type { Huuray } from '../../huuray.js';
import { positiveInt } from '../args.js';
import { CliExit, ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';

export interface TargetFlags {
  readonly order: string;
  readonly voucher?: number;
  readonly yes?: boolean;
  readonly dryRun?: boolean;
}

export function targetOptions(command: Command): Command {
  return command
    .requiredOption('--order <uid>', 'the OrderUID')
    .option('--voucher <id>', 'only this voucher of the order', positiveInt);
}

/** Looks the order up and prints what a resend or cancel will affect, before asking. */
export async function describeTarget(huuray: Huuray, out: Output, verb: string, flags: TargetFlags): Promise<string> {
  const order = await huuray.orders.find({ orderUid: flags.order });
  if (order === null) throw new CliExit(ExitCode.apiError, `no order ${flags.order} found; nothing was done`);
  const vouchers = flags.voucher === undefined ? order.vouchers : order.vouchers.filter((v) => v.id === flags.voucher);
  if (flags.voucher !== undefined && vouchers.length === 0) {
    throw new CliExit(ExitCode.apiError, `order ${flags.order} has no voucher ${flags.voucher}; nothing was done`);
  }
  const what =
    flags.voucher === undefined ? `order ${order.orderUid}` : `voucher ${flags.voucher} of order ${order.orderUid}`;
  out.say(out.style('bold', `Will ${verb} ${what}${order.refId === null ? '' : ` (refId ${order.refId})`}:`));
  for (const v of vouchers) {
    out.say(`  voucher ${v.id ?? '?'}  ${v.recipient?.email ?? v.recipient?.phone ?? '(no recipient)'}`);
  }
  return `${verb} ${vouchers.length} gift card(s) of ${what}`;
}
