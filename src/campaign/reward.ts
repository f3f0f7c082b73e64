import type { SendInput } from '../workflows/send.js';
import type { CampaignParams, CampaignRow } from './types.js';

/** The gift card one row stands for: the campaign's product, currency, template and message, the row's value, recipient and RefID. */
export function rowReward(row: CampaignRow, params: CampaignParams): SendInput {
  return {
    productToken: params.productToken,
    valueMinor: row.valueMinor,
    currency: params.currency,
    templateId: params.templateId,
    recipient: row.recipient,
    refId: row.refId,
    ...(params.message === undefined ? {} : { message: params.message }),
  };
}
