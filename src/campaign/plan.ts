import type { ValidationIssue } from '../core/errors/validation-error.js';
import { HuurayValidationError } from '../core/errors/validation-error.js';
import type { JournalState } from './journal.js';
import type { JournalHeader } from './journal-records.js';
import type { CampaignParams, CampaignRow } from './types.js';

/** The header a campaign's journal starts with. */
export function campaignHeader(name: string, params: CampaignParams): JournalHeader {
  return {
    type: 'header',
    version: 1,
    name,
    productToken: params.productToken,
    currency: params.currency,
    valueMinor: params.valueMinor ?? null,
    templateId: params.templateId,
    at: new Date().toISOString(),
  };
}

/** What a (re-)run will do with each row of the file. */
export interface CampaignPlan {
  /** Rows to send now: new, in flight when a run died, unknown, or failed but retryable. */
  readonly toSend: CampaignRow[];
  /** Rows the journal says are done. */
  readonly done: CampaignRow[];
  /** Rows refused definitively (4xx or bad input) by an earlier run, left alone without `retryFailed`. */
  readonly failed: CampaignRow[];
}

/**
 * Compares the journal with this run's parameters and rows and splits the rows. Refuses (a
 * `HuurayValidationError`, nothing sent) when the product, currency, value or template differ from the
 * journal's header, or a row's value differs from the value it was already sent with: either would send
 * a different reward under a RefID that was already used.
 */
export function planCampaign(
  rows: readonly CampaignRow[],
  state: JournalState,
  header: JournalHeader,
  retryFailed = false,
): CampaignPlan {
  const issues: ValidationIssue[] = [];
  const pinned = state.header;
  if (pinned !== null) {
    if (pinned.name !== header.name) issues.push(differs('name', pinned.name, header.name));
    if (pinned.productToken !== header.productToken) {
      issues.push(differs('product', pinned.productToken, header.productToken));
    }
    if (pinned.currency !== header.currency) issues.push(differs('currency', pinned.currency, header.currency));
    if (pinned.valueMinor !== header.valueMinor) {
      issues.push(differs('value (minor units)', pinned.valueMinor, header.valueMinor));
    }
    if (pinned.templateId !== header.templateId) issues.push(differs('template', pinned.templateId, header.templateId));
  }
  for (const row of rows) {
    const sent = state.rows.get(row.refId)?.valueMinor;
    if (sent !== undefined && sent !== row.valueMinor) {
      issues.push({
        path: `line ${row.line}`,
        message: `value is ${row.valueMinor} minor units but ${row.refId} was already sent with ${sent}`,
      });
    }
  }
  if (issues.length > 0) throw new HuurayValidationError('resume of the campaign (the journal differs)', issues);

  const plan: CampaignPlan = { toSend: [], done: [], failed: [] };
  for (const row of rows) {
    const latest = state.rows.get(row.refId)?.latest;
    if (latest?.state === 'done') plan.done.push(row);
    else if (latest?.state === 'failed' && latest.definitive && !retryFailed) plan.failed.push(row);
    else plan.toSend.push(row);
  }
  return plan;
}

function differs(what: string, journal: unknown, now: unknown): ValidationIssue {
  return {
    path: what,
    message: `the journal was started with ${JSON.stringify(journal)}, this run has ${JSON.stringify(now)}; use another --name or --journal for a new campaign`,
  };
}
