// npx tsx examples/quick-start.ts: pick a real product and template from the catalogue, send one gift card, print
// the result. Without HUURAY_* variables it runs against a local sandbox it starts and stops.
import { filterProducts, formatMinor, type Huuray, toMinorUnits } from 'huuray-client';
import { connect, runIfMain } from './connect.js';

export async function sendFirstGiftCard(huuray: Huuray): Promise<string> {
  const products = filterProducts(await huuray.catalogue(), { countryCode: 'DK', currency: 'DKK' });
  // Catalogue denominations are in major units ("100,250" DKK); orders take minor units.
  const product = products.find((p) => p.productToken !== null && p.denominations.length > 0);
  const template = (await huuray.templates()).find((t) => t.type === 'Email');
  if (!product?.productToken || !template) throw new Error('no Danish product or no email template on this account');
  const valueMinor = toMinorUnits(String(product.denominations[0]), 'DKK');

  const order = await huuray.send({
    productToken: product.productToken,
    valueMinor,
    currency: 'DKK',
    templateId: template.id,
    recipient: { name: 'Ada Lovelace', email: 'ada@example.com' },
    refId: 'quick-start-ada', // run it again: the same refId returns the same order, nothing is sent twice
  });
  return `Sent ${product.brandName} ${formatMinor(valueMinor, 'DKK')} with template "${template.name}": order ${order.orderUid} (${order.source}), ${order.vouchers.length} voucher(s)`;
}

runIfMain(import.meta.url, async () => {
  const { huuray, where, close } = await connect();
  try {
    console.log(`Using ${where}`);
    console.log(await sendFirstGiftCard(huuray));
  } finally {
    await close();
  }
});
