import type { Balance } from '../domain/balance.js';
import type { Huuray } from '../huuray.js';
import { money } from './money-text.js';
import type { HuurayQueue } from './queue.js';
import { scheduleRow } from './rows.js';

/**
 * The low-balance guard: before an order of a campaign with a minimum balance, the paying balance
 * (read at most every `checkMs` per worker, less what this worker has spent since) must stay at or
 * above the minimum after the order. Otherwise the campaign is marked paused with the reason, and
 * the row is looked at again after `checkMs`; the pause lifts by itself once the balance allows.
 * Workers on other machines spend meanwhile, so the minimum can be undershot by what all workers
 * send within one `checkMs`: set it with that margin.
 */
export class BalanceGuard {
  readonly #huuray: Huuray;
  readonly #checkMs: number;
  #balances: Balance[] | null = null;
  #readAt = 0;
  readonly #spentSince = new Map<string, number>();

  constructor(huuray: Huuray, checkMs: number) {
    this.#huuray = huuray;
    this.#checkMs = checkMs;
  }

  /** `true` when the row may be sent now; otherwise the campaign is paused and the row rescheduled. */
  async allows(queue: HuurayQueue, refId: string): Promise<boolean> {
    const [row] = await queue.db.query<{
      campaign: string;
      charge_minor: string | null;
      charge_currency: string | null;
      min_balance_minor: string | null;
      paused_reason: string | null;
      state: string;
    }>(
      `SELECT r.campaign, r.state, r.charge_minor, r.charge_currency, c.min_balance_minor, c.paused_reason
       FROM huuray_campaign_rows r JOIN huuray_campaigns c ON c.name = r.campaign WHERE r.ref_id = $1`,
      [refId],
    );
    if (row === undefined || row.min_balance_minor === null || row.charge_currency === null) return true;
    // Only a row that may be sent now can spend: a done or held-back row must not pause the campaign.
    if (row.state !== 'queued' && row.state !== 'in-doubt') return true;
    const currency = row.charge_currency;
    const balance = await this.#balance(currency);
    const after = balance - Number(row.charge_minor ?? 0);
    const minimum = Number(row.min_balance_minor);
    if (after >= minimum) {
      if (row.paused_reason !== null) {
        await queue.db.query(
          'UPDATE huuray_campaigns SET paused_reason = NULL, paused_at = NULL, updated_at = now() WHERE name = $1',
          [row.campaign],
        );
      }
      return true;
    }
    const reason = `paused: the ${currency} balance (${money(balance, currency)}) would fall below the minimum of ${money(minimum, currency)}; it resumes when the balance allows`;
    await queue.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE huuray_campaigns SET paused_reason = $2, paused_at = COALESCE(paused_at, now()), updated_at = now()
         WHERE name = $1`,
        [row.campaign, reason],
      );
      await scheduleRow(tx, queue.boss, refId, this.#checkMs / 1000, queue.leaseSeconds);
    });
    // Read the balance afresh next time: it is what we are waiting for.
    this.#balances = null;
    return false;
  }

  /** Counts an order this worker placed against the cached balance. */
  spent(currency: string | null, amountMinor: number | null): void {
    if (currency === null || amountMinor === null) return;
    this.#spentSince.set(currency, (this.#spentSince.get(currency) ?? 0) + amountMinor);
  }

  async #balance(currency: string): Promise<number> {
    if (this.#balances === null || Date.now() - this.#readAt >= this.#checkMs) {
      this.#balances = await this.#huuray.balances();
      this.#readAt = Date.now();
      this.#spentSince.clear();
    }
    const found = this.#balances.find((b) => b.currency === currency)?.amountMinor ?? 0;
    return found - (this.#spentSince.get(currency) ?? 0);
  }
}
