import { parseInput } from '../inputs/parse.js';
import { ORDER_OPERATION } from '../primitives/order.js';
import { type SendInput, sendInput } from '../workflows/send.js';
import { putRows } from './put-rows.js';
import type { HuurayQueue } from './queue.js';

/** The group single rewards go to when none is named; it has no budget. */
export const DEFAULT_REWARD_GROUP = 'rewards';

/**
 * Puts one reward (what `huuray.send` takes) on the queue for a worker to send, idempotently by
 * refId: calling it again with the same reward does nothing new, and the same refId with another
 * reward is `HuurayConflictError`. Bad input is `HuurayValidationError` before anything is written.
 * Rewards are grouped (default `rewards`) so `campaignStatus(queue, group)` reports on them.
 *
 * @example
 * await enqueueReward(queue, { productToken, valueMinor: 25000, currency: 'DKK', templateId: 12,
 *   recipient: { name: 'Ada', email: 'ada@example.com' }, refId: 'anniversary-2026-ada' });
 */
export async function enqueueReward(
  queue: HuurayQueue,
  reward: SendInput,
  options: { readonly group?: string | undefined } = {},
): Promise<{
  /** `false` when the reward was already on the queue (or done): nothing new was enqueued. */
  readonly enqueued: boolean;
}> {
  const checked = parseInput(sendInput, reward, 'reward', ORDER_OPERATION);
  const group = options.group ?? DEFAULT_REWARD_GROUP;
  return queue.db.transaction(async (tx) => {
    await tx.query('INSERT INTO huuray_campaigns (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [group]);
    const put = await putRows(tx, queue, group, [{ line: null, reward: checked }], () => undefined);
    return { enqueued: put > 0 };
  });
}
