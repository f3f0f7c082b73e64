import type { Order } from '../domain/order.js';
import { money } from './args.js';
import { CliExit, ExitCode } from './exit-codes.js';
import type { OrderRecord } from './order-record.js';
import { printOrder } from './order-view.js';
import type { Output } from './output.js';

/** What a send asks for, as the user gave it. */
export interface SendParameters {
  readonly refId: string;
  readonly productToken: string;
  readonly valueMinor: number;
  readonly currency: string;
  readonly recipient: {
    readonly name?: string | undefined;
    readonly email?: string | undefined;
    readonly phone?: string | undefined;
  };
}

const email = (text: string | null | undefined) => text?.trim().toLowerCase() || null;
const phone = (text: string | null | undefined) => text?.replace(/[^+0-9]/g, '') || null;

/**
 * Whether `order` (found by the refId) went to someone else than `wanted`. Huuray's search reports the
 * recipients of an order but not its product, value or currency, so the recipient is what the CLI can
 * compare; the facade compares the rest where it knows it (HuurayConflictError, exit 2 too).
 */
export function recipientDiffers(order: Order, wanted: SendParameters['recipient']): boolean {
  const recipients = order.vouchers.map((v) => v.recipient).filter((r) => r !== null);
  if (recipients.length === 0) return false;
  return !recipients.some(
    (r) =>
      (wanted.email === undefined || email(r.email) === email(wanted.email)) &&
      (wanted.phone === undefined || phone(r.phone) === phone(wanted.phone)),
  );
}

/** Whether this machine's record of the earlier order names another product, value or currency. */
export function recordDiffers(record: OrderRecord, now: SendParameters): boolean {
  return (
    record.productToken !== now.productToken || record.valueMinor !== now.valueMinor || record.currency !== now.currency
  );
}

/** Ends the command with exit 2, showing the earlier order and the new parameters side by side. */
export function refuseConflict(out: Output, earlier: Order, now: SendParameters, record: OrderRecord | null): never {
  out.say(out.style('bold', `refId ${now.refId} is already used by another order:`));
  if (!out.json) printOrder(out, earlier);
  if (record !== null) {
    out.say(
      `earlier: product ${record.productToken}, ${money(record.valueMinor, record.currency)} (recorded in .huuray/orders.jsonl)`,
    );
  }
  out.say(
    `this command asked for: product ${now.productToken}, ${money(now.valueMinor, now.currency)} to ${now.recipient.email ?? now.recipient.phone ?? '(no recipient)'}`,
  );
  throw new CliExit(
    ExitCode.usage,
    `refId ${now.refId} was already used for another order; nothing was sent (a refId names one reward: use a new --ref-id, or the earlier parameters to look it up)`,
    { type: 'HuurayConflictError', earlier: { ...earlier, ...(record === null ? {} : { recorded: record }) }, now },
  );
}
