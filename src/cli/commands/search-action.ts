import type { Command } from 'commander';
import type { FindInput } from '../../inputs/query-input.js';
import { withHuuray } from '../context.js';
import { CliExit, ExitCode, usageError } from '../exit-codes.js';
import { printOrder } from '../order-view.js';

interface SearchFlags {
  readonly refId?: string;
  readonly order?: string;
  readonly voucher?: number;
  readonly product?: string;
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly recipientRef?: string;
}

export function searchAction(flags: SearchFlags, command: Command): Promise<void> {
  return withHuuray(
    command,
    async ({ huuray, out }) => {
      const query: FindInput = {
        ...(flags.refId === undefined ? {} : { refId: flags.refId }),
        ...(flags.order === undefined ? {} : { orderUid: flags.order }),
        ...(flags.voucher === undefined ? {} : { voucherId: flags.voucher }),
        ...(flags.product === undefined ? {} : { productToken: flags.product }),
        ...(flags.name === undefined ? {} : { recipientName: flags.name }),
        ...(flags.email === undefined ? {} : { recipientEmail: flags.email }),
        ...(flags.phone === undefined ? {} : { recipientPhone: flags.phone }),
        ...(flags.recipientRef === undefined ? {} : { recipientRefId: flags.recipientRef }),
      };
      if (Object.keys(query).length === 0) throw usageError('give at least one of --ref-id, --order, --email, ...');
      const order = await huuray.orders.find(query);
      if (order === null) {
        out.result(null, () => out.say('no order matches'));
        throw new CliExit(ExitCode.apiError);
      }
      // Huuray's search answers with one order. A refId, an OrderUID or a voucher names one order; a
      // name, email, phone, product or recipient reference can match several, and the rest are not shown.
      const unique = query.refId !== undefined || query.orderUid !== undefined || query.voucherId !== undefined;
      if (!unique) {
        out.note(
          'note: more than one order may match; Huuray shows one (the others are not listed). Narrow it with --ref-id, --order or --voucher.',
        );
      }
      out.result({ ...order, onlyOneOfPossiblyMany: !unique }, () => printOrder(out, order));
    },
    { earlierOrders: true },
  );
}
