// Issue 60 codes for a survey panel, resumable by refId.
import { Huuray } from 'huuray-client';

const huuray = new Huuray({ token: process.env.HUURAY_API_TOKEN ?? '', secret: process.env.HUURAY_API_SECRET ?? '' });

export async function issuePanelCodes(): Promise<string[]> {
  const result = await huuray.issue({
    productToken: 'prod_from_catalogue',
    valueMinor: 10000,
    currency: 'EUR',
    quantity: 60, // three sync orders: 25 + 25 + 10
    refId: 'panel-2026-q4',
    concurrency: 2,
  });
  if (!result.complete) {
    // Some chunk failed (see result.chunks). Calling issue() again with the same refId completes the rest.
    throw new Error(`${result.vouchers.length} of ${result.quantity} codes issued; call again to complete`);
  }
  // Codes are blank unless ReturnCode is enabled on the account. Never log them.
  return result.vouchers.map((v) => v.code ?? '');
}
