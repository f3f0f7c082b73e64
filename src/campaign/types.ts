import type { RecipientInput } from '../inputs/fields.js';

/**
 * What every row of a campaign shares. The journal pins these in its header: resuming with different
 * ones would send different rewards under RefIDs that were already used, so it is refused.
 */
export interface CampaignParams {
  /** The product token from `catalogue()`. */
  readonly productToken: string;
  /** ISO 4217 code of `valueMinor` and of every row's value. */
  readonly currency: string;
  /** The face value of rows without a `value` of their own, in minor units; `undefined` when every row has one. */
  readonly valueMinor: number | undefined;
  /** The delivery template (email or SMS) from `templates()`. */
  readonly templateId: number;
  /** An optional personal message shown with every gift card. */
  readonly message?: string | undefined;
}

/** One recipient of a campaign, validated, with its deterministic RefID. */
export interface CampaignRow {
  /** The line of the CSV file the row ended on (1 is the header), for messages and reports. */
  readonly line: number;
  /** The row's key: its `refId` column, or a short hash of its normalised email or phone. */
  readonly key: string;
  /** `${campaignName}-${key}`: the order's RefID, which makes a re-run never send the row twice. */
  readonly refId: string;
  /** Name and email or phone, as sent. */
  readonly recipient: RecipientInput;
  /** This row's face value in minor units (its own `value`, or the campaign's). */
  readonly valueMinor: number;
}
