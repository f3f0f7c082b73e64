import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { readJournal } from '../campaign/journal.js';

/**
 * What this machine placed, kept because Huuray's search reports an order's recipients but not its
 * product, face value or currency: resend and cancel previews show the money from it, and `send`
 * compares a reused refId's product, value and currency with it. Never a code, CVV or redeem link.
 */
const orderRecord = z.object({
  orderUid: z.string(),
  refId: z.string().nullable(),
  productToken: z.string(),
  currency: z.string(),
  valueMinor: z.number(),
  /** Gift cards in the order. */
  count: z.number(),
  at: z.string(),
});

export type OrderRecord = z.infer<typeof orderRecord>;

/** `.huuray/orders.jsonl` under the working directory. */
export function orderLogPath(cwd: string): string {
  return join(cwd, '.huuray', 'orders.jsonl');
}

/** Appends a record; a failure to write it never fails the command (the order is placed either way). */
export function recordOrder(cwd: string, record: Omit<OrderRecord, 'at'>): string | null {
  const path = orderLogPath(cwd);
  try {
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, `${JSON.stringify({ ...record, at: new Date().toISOString() })}\n`);
    return null;
  } catch (error) {
    return `could not record the order in ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}

function readRecords(path: string): OrderRecord[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        const parsed = orderRecord.safeParse(JSON.parse(line));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    });
}

/** Campaign journals under `.huuray/` know their rows' orders too (product and currency in the header). */
function journalRecords(dir: string): OrderRecord[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && f !== 'orders.jsonl')
    .flatMap((file) => {
      try {
        const state = readJournal(join(dir, file));
        const header = state.header;
        if (header === null) return [];
        return [...state.rows.values()].flatMap((row) =>
          row.latest.state === 'done' && row.valueMinor !== undefined
            ? [
                {
                  orderUid: row.latest.orderUid,
                  refId: row.refId,
                  productToken: header.productToken,
                  currency: header.currency,
                  valueMinor: row.valueMinor,
                  count: 1,
                  at: row.latest.at,
                },
              ]
            : [],
        );
      } catch {
        return [];
      }
    });
}

/** Every record of orders placed from this working directory that `matches`. */
export function findRecords(cwd: string, matches: (record: OrderRecord) => boolean): OrderRecord[] {
  return [...readRecords(orderLogPath(cwd)), ...journalRecords(join(cwd, '.huuray'))].filter(matches);
}

/** The latest record of an order placed from this working directory, by OrderUID or refId. */
export function findRecord(cwd: string, key: { orderUid?: string; refId?: string }): OrderRecord | null {
  const hits = findRecords(
    cwd,
    (r) =>
      (key.orderUid === undefined || r.orderUid === key.orderUid) && (key.refId === undefined || r.refId === key.refId),
  );
  return hits.at(-1) ?? null;
}
