// A CommonJS consumer: require() of every entry point, then one gift card sent to a sandbox.
const { Huuray, HuurayValidationError, toMinorUnits } = require('huuray-client');
const { parseRecipients } = require('huuray-client/campaign');
const { startSandbox } = require('huuray-client/sandbox');

async function main() {
  const sandbox = await startSandbox({ seed: 5 });
  try {
    const huuray = new Huuray({ token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url });
    const product = (await huuray.catalogue()).find((p) => p.currency === 'DKK' && p.denominations.length > 0);
    const template = (await huuray.templates()).find((t) => t.type === 'Email');
    const order = await huuray.send({
      productToken: product.productToken,
      valueMinor: toMinorUnits(String(product.denominations[0]), 'DKK'),
      currency: 'DKK',
      templateId: template.id,
      recipient: { name: 'Ada Lovelace', email: 'ada@example.com' },
      refId: 'consumer-cjs',
    });
    let refusedBeforeSending = false;
    try {
      toMinorUnits('1.234', 'DKK');
    } catch (error) {
      refusedBeforeSending = error instanceof HuurayValidationError;
    }
    const params = { productToken: product.productToken, currency: 'DKK', valueMinor: 5000, templateId: template.id };
    const rows = parseRecipients(new TextEncoder().encode('name,email\nAda,ada@example.com\n'), 'smoke', params);
    const stored = sandbox.state.orders().filter((o) => o.refId === 'consumer-cjs').length;
    console.log(JSON.stringify({ source: order.source, stored, refusedBeforeSending, rows: rows.length }));
  } finally {
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
