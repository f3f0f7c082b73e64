// A strict TypeScript ESM consumer, checked with node16 and with bundler resolution.
import { Huuray, HuurayIndeterminateOrderError, type PlacedOrder } from 'huuray-client';
import { type CampaignParams, parseRecipients } from 'huuray-client/campaign';
import { type Sandbox, startSandbox } from 'huuray-client/sandbox';

export async function sendOne(sandbox: Sandbox, productToken: string): Promise<PlacedOrder> {
  const huuray = new Huuray({ token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url });
  // @ts-expect-error valueMinor is a number: the declarations are real types, not any
  await huuray.stock({ productToken, valueMinor: '50.00' });
  try {
    return await huuray.send({
      productToken,
      valueMinor: 5000,
      currency: 'DKK',
      templateId: 1,
      recipient: { name: 'Ada', email: 'ada@example.com' },
      refId: 'typed-esm',
    });
  } catch (error) {
    if (error instanceof HuurayIndeterminateOrderError) console.log(error.refId?.toUpperCase());
    throw error;
  }
}

export const params: CampaignParams = { productToken: 'p', currency: 'DKK', valueMinor: 5000, templateId: 1 };
export const rows = parseRecipients(new Uint8Array(), 'typed', params).map((row) => row.refId.length);
export const started: Promise<Sandbox> = startSandbox({ seed: 1 });
export const fromEnv: Huuray = Huuray.fromEnv({ HUURAY_API_TOKEN: 't', HUURAY_API_SECRET: 's' });
