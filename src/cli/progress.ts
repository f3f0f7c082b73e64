import cliProgress from 'cli-progress';
import type { CampaignProgress } from '../campaign/run-campaign.js';
import type { TextSink } from './io.js';
import type { Output } from './output.js';

export interface ProgressReporter {
  update(progress: CampaignProgress): void;
  stop(): void;
}

function describe(p: CampaignProgress): string {
  const e = p.entry;
  switch (e.state) {
    case 'done':
      return `done (${e.source}) order ${e.orderUid}`;
    case 'failed':
      return `failed: ${e.error}: ${e.message}`;
    case 'unknown':
      return `OUTCOME UNKNOWN: ${e.message}`;
    case 'pending':
      return 'pending';
  }
}

/** A bar with count, rate and ETA on a terminal; one plain line per row otherwise (logs, CI). */
export function progressReporter(out: Output, total: number, stream: TextSink): ProgressReporter {
  const started = Date.now();
  if (stream.isTTY !== true) {
    return {
      update: (p) => {
        // The email (or phone) is what a person recognises; the RefID is what `huuray search` takes.
        const who = p.row.recipient.email ?? p.row.recipient.phone ?? '';
        out.note(`[${p.completed}/${p.total}] line ${p.row.line} ${who} (${p.row.refId}): ${describe(p)}`);
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      // Only on a terminal, where the sink is the process's own stderr.
      stream: stream as NodeJS.WriteStream,
      format: ' {bar} {value}/{total} rows | {rate} rows/s | ETA {eta_formatted} | {failed} failed',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let failed = 0;
  bar.start(total, 0, { rate: '0.0', failed });
  return {
    update: (p) => {
      if (p.entry.state !== 'done') failed++;
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      bar.update(p.completed, { rate: (p.completed / seconds).toFixed(1), failed });
    },
    stop: () => bar.stop(),
  };
}
