import { money } from './args.js';
import { CliExit, ExitCode } from './exit-codes.js';
import { findRecords } from './order-record.js';

/** What `huuray issue` asks for, as far as its refId's chunks are concerned. */
export interface IssueRequest {
  readonly refId: string;
  readonly productToken: string;
  readonly currency: string;
  readonly valueMinor: number;
  readonly quantity: number;
}

/**
 * How many codes of `request` this directory's record says are issued already (chunk orders
 * `<refId>.<n>`), so a re-run that completes an issue is previewed and pre-checked for the rest only.
 * A chunk recorded with another product, value or currency is another reward under this refId: exit 2.
 */
export function issuedHere(cwd: string, request: IssueRequest): number {
  const prefix = `${request.refId}.`;
  const chunks = findRecords(
    cwd,
    (r) => r.refId?.startsWith(prefix) === true && /^\d+$/.test(r.refId.slice(prefix.length)),
  );
  const other = chunks.find(
    (r) =>
      r.productToken !== request.productToken || r.valueMinor !== request.valueMinor || r.currency !== request.currency,
  );
  if (other !== undefined) {
    throw new CliExit(
      ExitCode.usage,
      `refId ${request.refId} was already used to issue product ${other.productToken}, ${money(other.valueMinor, other.currency)} (order ${other.orderUid}, recorded in .huuray/orders.jsonl); this command asks for product ${request.productToken}, ${money(request.valueMinor, request.currency)}. Nothing was sent: use a new --ref-id`,
      { type: 'HuurayConflictError', earlier: other, now: { ...request } },
    );
  }
  const byChunk = new Map(chunks.map((r) => [r.refId, r.count]));
  return Math.min(
    request.quantity,
    [...byChunk.values()].reduce((sum, n) => sum + n, 0),
  );
}
