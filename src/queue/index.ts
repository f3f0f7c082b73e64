/**
 * huuray-client/queue: campaigns and single rewards as jobs in PostgreSQL, processed by any number of
 * workers on any number of machines, with a shared rate governor and a budget cap per campaign.
 * Needs the optional peer dependencies `pg` and `pg-boss`.
 *
 * pg-boss (not graphile-worker) because a job's lease is set per job (`expireInSeconds`) and a dead
 * worker's job is handed on when it ends; graphile-worker holds a crashed worker's job for a fixed
 * 4 hours. pg-boss 10 is the last major that runs on Node 20.
 *
 * @example
 * const queue = await openQueue({ connectionString: process.env.DATABASE_URL! });
 * await enqueueCampaign(queue, { name: 'q4', rows, params, budget: { amountMinor: 5_000_000, currency: 'DKK' }, huuray });
 * const worker = await startWorker(queue, { huuray: { token, secret }, concurrency: 8 });
 * console.log(await campaignStatus(queue, 'q4'));
 * @packageDocumentation
 */
export {
  type Budget,
  type EnqueueCampaignOptions,
  type EnqueueResult,
  enqueueCampaign,
} from './enqueue.js';
export { DEFAULT_REWARD_GROUP, enqueueReward } from './enqueue-reward.js';
export type { GovernorOptions } from './governor.js';
export { rewardFingerprint } from './put-rows.js';
export { type HuurayQueue, openQueue, type QueueConnection, type QueueOptions, tokenDigest } from './queue.js';
export type { RowState as QueueRowState } from './rows.js';
export { campaignStatus, type QueueCampaignStatus, type QueueRowReport, type SpentInCurrency } from './status.js';
export { type RewardWorker, startWorker, type WorkerOptions } from './worker.js';
