// A strict TypeScript CommonJS consumer (module node16): `import` here compiles to require().
import { Huuray, type PlacedOrder } from 'huuray-client';
import { type CampaignParams, runCampaign } from 'huuray-client/campaign';
import { type Sandbox, startSandbox } from 'huuray-client/sandbox';

export async function sendOne(sandbox: Sandbox, productToken: string): Promise<PlacedOrder> {
  const huuray = new Huuray({ token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url });
  // @ts-expect-error currency is required: the declarations are real types, not any
  await huuray.exchangeRate({ from: 'EUR' });
  return huuray.send({
    productToken,
    valueMinor: 5000,
    currency: 'DKK',
    templateId: 1,
    recipient: { name: 'Ada', email: 'ada@example.com' },
    refId: 'typed-cjs',
  });
}

export const params: CampaignParams = { productToken: 'p', currency: 'DKK', valueMinor: 5000, templateId: 1 };
export const campaign: typeof runCampaign = runCampaign;
export const started: Promise<Sandbox> = startSandbox({ seed: 1 });
