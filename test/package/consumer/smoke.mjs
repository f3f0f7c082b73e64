// An ESM consumer as a user writes it after `npm install huuray-client`; run on Node 20, Node 24, Bun and Deno.
// Sends one gift card to a sandbox and prints what happened as one JSON line.
import { Huuray, HuurayValidationError, toMinorUnits } from 'huuray-client';
import { parseRecipients } from 'huuray-client/campaign';
import { startSandbox } from 'huuray-client/sandbox';

const sandbox = await startSandbox({ seed: 5 });
try {
  const huuray = Huuray.fromEnv({
    HUURAY_API_TOKEN: sandbox.token,
    HUURAY_API_SECRET: sandbox.secret,
    HUURAY_BASE_URL: sandbox.url,
  });
  const product = (await huuray.catalogue()).find((p) => p.currency === 'DKK' && p.denominations.length > 0);
  const template = (await huuray.templates()).find((t) => t.type === 'Email');
  const order = await huuray.send({
    productToken: product.productToken,
    valueMinor: toMinorUnits(String(product.denominations[0]), 'DKK'),
    currency: 'DKK',
    templateId: template.id,
    recipient: { name: 'Ada Lovelace', email: 'ada@example.com' },
    refId: 'consumer-esm',
  });
  let refusedBeforeSending = false;
  try {
    toMinorUnits('1.234', 'DKK');
  } catch (error) {
    refusedBeforeSending = error instanceof HuurayValidationError;
  }
  const params = { productToken: product.productToken, currency: 'DKK', valueMinor: 5000, templateId: template.id };
  const rows = parseRecipients(new TextEncoder().encode('name,email\nAda,ada@example.com\n'), 'smoke', params);
  const stored = sandbox.state.orders().filter((o) => o.refId === 'consumer-esm').length;
  console.log(JSON.stringify({ source: order.source, stored, refusedBeforeSending, rows: rows.length }));
} finally {
  await sandbox.close();
}
