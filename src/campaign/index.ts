export { CampaignFileError, type CsvProblem, checkDelivery, parseRecipients } from './csv.js';
export { type JournalRow, type JournalState, readJournal } from './journal.js';
export type { JournalHeader, RowEntry, RowRecord, RowState } from './journal-records.js';
export { type CampaignPlan, campaignHeader, planCampaign } from './plan.js';
export { campaignRefId, checkCampaignName, contactKey } from './ref-id.js';
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
