/**
 * `huuray-client/campaign`: send one gift card per row of a CSV file, resumably and never twice. Uses
 * Node's file system (a row's journal record is on disk before its order is sent) and `csv-parse`, so
 * it lives apart from the edge-safe client entry.
 *
 * @packageDocumentation
 */
export { CampaignFileError, type CsvProblem, checkDelivery, parseRecipients } from './csv.js';
export { type JournalRow, type JournalState, readJournal } from './journal.js';
export type { JournalHeader, RowRecord, RowState } from './journal-records.js';
export { campaignRefId } from './ref-id.js';
export {
  type CampaignCounts,
  type CampaignReport,
  campaignReport,
  type ReportRow,
  type ReportState,
  writeReportCsv,
} from './report.js';
export { type CampaignOptions, type CampaignProgress, type CampaignResult, runCampaign } from './run-campaign.js';
export type { CampaignParams, CampaignRow } from './types.js';
