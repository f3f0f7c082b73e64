// Browse the catalogue, check stock, and handle the typed errors: npx tsx examples/catalogue-and-errors.ts
import {
  filterProducts,
  formatMinor,
  type Huuray,
  HuurayApiError,
  HuurayNotFoundError,
  HuurayRateLimitError,
} from 'huuray-client';
import { connect, runIfMain } from './connect.js';

export async function danishGiftCards(huuray: Huuray): Promise<void> {
  const balances = await huuray.balances();
  for (const b of balances) console.log(b.currency, formatMinor(b.amountMinor, b.currency), b.master ? '(master)' : '');

  const products = filterProducts(await huuray.catalogue(), { countryCode: 'DK', valueMinor: 20000 });
  for (const p of products.slice(0, 5)) {
    if (p.productToken === null) continue;
    try {
      const inStock = await huuray.stock({ productToken: p.productToken, valueMinor: 20000 });
      console.log(p.brandName, `${p.discountPercent ?? 0}% discount`, `${inStock} in stock`);
    } catch (error) {
      if (error instanceof HuurayRateLimitError) console.warn('slow down; retry after', error.retryAfterMs);
      else if (error instanceof HuurayNotFoundError) console.warn('unknown product');
      else if (error instanceof HuurayApiError) console.error(error.status, error.statusMessage);
      else throw error;
    }
  }
  const order = await huuray.orders.find({ refId: 'anniversary-2026-42' }); // null when nothing matches (API says 404)
  if (order) {
    const cancel = await huuray.orders.cancel({ orderUid: order.orderUid });
    if (cancel.partial) console.warn('only some vouchers were cancelled', cancel.vouchers);
  } else {
    console.log('no order with refId anniversary-2026-42');
  }
}

runIfMain(import.meta.url, async () => {
  const { huuray, where, close } = await connect();
  try {
    console.log(`Using ${where}`);
    await danishGiftCards(huuray);
  } finally {
    await close();
  }
});
