import { resolve } from 'node:path';
import { checkCampaignName } from '../campaign/ref-id.js';

/**
 * `.huuray/<name>.jsonl` under the working directory unless `--journal` says otherwise; runs against
 * `--sandbox` keep theirs in `.huuray/sandbox/`, so a trial run never marks a real campaign's rows done.
 */
export function journalPathFor(cwd: string, name: string, journal: string | undefined, sandbox = false): string {
  return resolve(cwd, journal ?? `.huuray/${sandbox ? 'sandbox/' : ''}${checkCampaignName(name)}.jsonl`);
}
