// Browse the catalogue, check stock, and handle the typed errors.
import {
  filterProducts,
  formatMinor,
  Huuray,
  HuurayApiError,
  HuurayNotFoundError,
  HuurayRateLimitError,
} from 'huuray-client';

const huuray = new Huuray({
  token: process.env.HUURAY_API_TOKEN ?? '',
  secret: process.env.HUURAY_API_SECRET ?? '',
  validateResponses: 'warn',
  logger: (event) => {
    if (event.type === 'attempt') console.debug(event.operation, event.status, `${event.durationMs} ms`);
  },
});

export async function danishBooks(): Promise<void> {
  const balances = await huuray.balances();
  for (const b of balances) console.log(b.currency, formatMinor(b.amountMinor, b.currency), b.master ? '(master)' : '');

  const products = filterProducts(await huuray.catalogue(), {
    countryCode: 'DK',
    category: 'Books',
    valueMinor: 25000,
  });
  for (const p of products) {
    if (p.productToken === null) continue;
    try {
      const inStock = await huuray.stock({ productToken: p.productToken, valueMinor: 25000 });
      console.log(p.brandName, p.discountPercent, inStock);
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
  }
}
