// Issue codes for a survey panel, resumable by refId: npx tsx examples/issue-codes.ts
import { fitsDenomination, formatMinor, type Huuray, toMinorUnits } from 'huuray-client';
import { connect, runIfMain } from './connect.js';

const VALUE_MINOR = toMinorUnits('50.00', 'EUR');

export async function issuePanelCodes(huuray: Huuray, productToken: string): Promise<string[]> {
  const result = await huuray.issue({
    productToken,
    valueMinor: VALUE_MINOR,
    currency: 'EUR',
    quantity: 30, // two sync orders: 25 + 5
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

runIfMain(import.meta.url, async () => {
  const { huuray, where, close } = await connect();
  try {
    console.log(`Using ${where}`);
    const product = (await huuray.catalogue()).find(
      (p) => p.productToken !== null && p.currency === 'EUR' && fitsDenomination(p, VALUE_MINOR),
    );
    if (!product?.productToken) throw new Error('no EUR product with a 50.00 denomination');
    const codes = await issuePanelCodes(huuray, product.productToken);
    const withCode = codes.filter((code) => code !== '').length;
    console.log(
      `Issued ${codes.length} x ${product.brandName} ${formatMinor(VALUE_MINOR, 'EUR')}; ${withCode} with a code`,
    );
  } finally {
    await close();
  }
});
