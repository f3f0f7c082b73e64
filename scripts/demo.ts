/**
 * `npm run demo`: a tour of the Huuray API through the facade, against an in-process sandbox started
 * here and stopped at the end (never the real API): balance, catalogue, templates, stock and rates,
 * then an order sent exactly once, found, resent and cancelled, with the balance before and after.
 */

import { percent } from '../src/cli/args.js';
import { filterProducts, formatMinor, Huuray, redact } from '../src/index.js';
import { startSandbox } from '../src/sandbox/index.js';

const sandbox = await startSandbox({ seed: 2026 });
try {
  console.log(`Local Huuray sandbox on ${sandbox.url} (a fake account; nothing leaves this machine)\n`);
  const huuray = new Huuray({ token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url });
  const section = (title: string) => console.log(`\n== ${title}`);
  const money = (minor: number, currency: string) => formatMinor(minor, currency);

  section('Balances');
  const showBalances = async () => {
    const balances = await huuray.balances();
    for (const b of balances)
      console.log(`  ${money(b.amountMinor, b.currency).padStart(18)}${b.master ? '  (master)' : ''}`);
    return balances;
  };
  const before = await showBalances();

  section('Catalogue');
  const catalogue = await huuray.catalogue();
  const danish = filterProducts(catalogue, { countryCode: 'DK', currency: 'DKK' });
  console.log(`  ${catalogue.length} products you may order; ${danish.length} in Denmark, for example:`);
  for (const p of danish.slice(0, 3)) {
    console.log(
      `  ${p.brandName} [${p.categories.join(', ')}]  ${p.denominations.join('/')} DKK  ${p.discountPercent === null ? 'no discount' : `${percent(p.discountPercent)} discount`}`,
    );
  }
  const product = danish.find((p) => p.productToken !== null && p.denominations.length > 0);
  if (!product?.productToken) throw new Error('the demo catalogue has no Danish product');
  const valueMinor = Math.round((product.denominations[0] ?? 0) * 100);

  section('Templates');
  const templates = await huuray.templates();
  for (const t of templates) console.log(`  #${t.id}  ${t.type}  ${t.name}`);
  const email = templates.find((t) => t.type === 'Email');
  if (!email) throw new Error('the demo account has no email template');

  section('Stock and exchange rates');
  console.log(
    `  ${product.brandName} ${money(valueMinor, 'DKK')}: ${await huuray.stock({ productToken: product.productToken, valueMinor })} in stock`,
  );
  const rate = await huuray.exchangeRate({ from: 'EUR', to: 'DKK' });
  console.log(`  1 EUR = ${rate.rate} DKK, spread ${rate.spreadPercent}%`);

  section('Send one gift card, exactly once');
  const gift = {
    productToken: product.productToken,
    valueMinor,
    currency: 'DKK',
    templateId: email.id,
    recipient: { name: 'Ada Lovelace', email: 'ada@example.com' },
    refId: 'demo-anniversary-ada',
  };
  const sent = await huuray.send(gift);
  console.log(
    `  order ${sent.orderUid}: ${sent.source}, ${sent.vouchers.length} voucher (codes hidden: ${JSON.stringify(redact(sent.vouchers[0]))})`,
  );
  const again = await huuray.send(gift);
  console.log(
    `  sent again with the same refId: ${again.source}, ${again.orderRequests} order requests, same order: ${again.orderUid === sent.orderUid}`,
  );

  section('Find, resend, cancel');
  const found = await huuray.orders.find({ refId: gift.refId });
  console.log(`  found by refId: ${found?.orderUid}`);
  const resent = await huuray.orders.resend({ orderUid: sent.orderUid });
  console.log(`  resent: ${resent.numberOfResends} voucher(s)${resent.partial ? ' (partial)' : ''}`);
  const afterOrder = (await huuray.balances()).find((b) => b.currency === 'DKK')?.amountMinor ?? 0;
  const dkkBefore = before.find((b) => b.currency === 'DKK')?.amountMinor ?? 0;
  console.log(
    `  DKK balance after the order: ${money(afterOrder, 'DKK')} (paid ${money(dkkBefore - afterOrder, 'DKK')})`,
  );
  const cancelled = await huuray.orders.cancel({ orderUid: sent.orderUid });
  console.log(`  cancelled: ${cancelled.orderCancelled}${cancelled.partial ? ' (partial)' : ''}`);

  section('Balances after cancel');
  await showBalances();
} finally {
  await sandbox.close();
}
console.log('\nDemo finished; the sandbox is stopped.');
