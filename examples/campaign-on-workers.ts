// A campaign spread over worker processes on PostgreSQL, with a budget and a rate limit shared by all.
import { readFileSync } from 'node:fs';
import { Huuray, toMinorUnits } from 'huuray-client';
import { type CampaignParams, parseRecipients } from 'huuray-client/campaign';
import { campaignStatus, enqueueCampaign, openQueue, startWorker } from 'huuray-client/queue';

const credentials = { token: process.env.HUURAY_API_TOKEN ?? '', secret: process.env.HUURAY_API_SECRET ?? '' };

/** In the service that starts the campaign: validate the whole file, then enqueue it (idempotent by refId). */
export async function startCampaign(databaseUrl: string, csvPath: string): Promise<void> {
  const params: CampaignParams = {
    productToken: 'prod_from_catalogue',
    currency: 'DKK',
    valueMinor: toMinorUnits('50.00', 'DKK'),
    templateId: 12,
  };
  // Throws CampaignFileError listing every bad row; nothing is enqueued until the file is clean.
  const rows = parseRecipients(readFileSync(csvPath), 'q4-thanks', params);
  const queue = await openQueue({ connectionString: databaseUrl });
  try {
    await enqueueCampaign(queue, {
      name: 'q4-thanks',
      rows,
      params,
      // Orders placed plus orders in doubt never exceed it; rows beyond it wait for a larger budget.
      budget: { amountMinor: toMinorUnits('50000.00', 'DKK'), currency: 'DKK' },
      huuray: new Huuray(credentials), // prices rows: catalogue discount, exchange rate and spread
    });
  } finally {
    await queue.close();
  }
}

/** In each worker process (any number, any machine): send until SIGTERM, which finishes the jobs in hand. */
export async function runWorker(databaseUrl: string): Promise<void> {
  const queue = await openQueue({ connectionString: databaseUrl });
  const worker = await startWorker(queue, { huuray: credentials, concurrency: 8, rateLimit: { requests: 100 } });
  process.once('SIGTERM', () => {
    void worker.stop().then(() => queue.close());
  });
}

/** Anywhere: progress and outcomes, from the database. */
export async function report(databaseUrl: string): Promise<void> {
  const queue = await openQueue({ connectionString: databaseUrl });
  try {
    const status = await campaignStatus(queue, 'q4-thanks');
    console.log(status?.counts, status?.spent, status?.pausedReason);
  } finally {
    await queue.close();
  }
}
