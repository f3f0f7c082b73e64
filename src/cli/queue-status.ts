import type { Command } from 'commander';
import { outputFor } from './context.js';
import { usageError } from './exit-codes.js';
import { printQueueStatus, throwForStatus, writeQueueReportCsv } from './queue-view.js';

/** `huuray campaign status --name N --queue URL [--report out.csv]`: progress and outcomes from the database. */
export async function showQueuedStatus(
  command: Command,
  name: string,
  url: string,
  report: string | undefined,
): Promise<void> {
  const out = outputFor(command);
  const { openQueue, campaignStatus } = await import('../queue/index.js');
  const queue = await openQueue({ connectionString: url });
  try {
    const status = await campaignStatus(queue, name);
    if (status === null) throw usageError(`no campaign ${JSON.stringify(name)} on this queue`);
    if (report !== undefined) writeQueueReportCsv(report, status);
    out.result(status, () => printQueueStatus(out, status));
    throwForStatus(status);
  } finally {
    await queue.close();
  }
}
