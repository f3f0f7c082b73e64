// Use the bundled sandbox in your own service's tests: real HTTP, real signatures, state you can inspect,
// and faults on demand. No Huuray account and no network needed.
import { Huuray } from 'huuray-client';
import { startSandbox } from 'huuray-client/sandbox';
import { runIfMain } from './connect.js';

export async function rewardIsSentOnceEvenWhenTheAnswerIsLost(): Promise<void> {
  const sandbox = await startSandbox({ seed: 7 });
  try {
    const huuray = new Huuray({ token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url });
    const product = sandbox.state.products.find((p) => p.currency === 'DKK' && p.active);
    const template = sandbox.state.account().templates.find((t) => t.Type === 'Email');
    if (!product || !template) throw new Error('seed 7 has a Danish product and an email template');

    // The order is stored but the connection drops before the answer: the worst case for double pay.
    sandbox.state.faults.next('Order', 'drop-after-store');
    const order = await huuray.send({
      productToken: product.token,
      valueMinor: product.denominations[0] ?? 0,
      currency: 'DKK',
      templateId: template.Id,
      recipient: { name: 'Test Person', email: 'test@example.com' },
      refId: 'test-reward-1',
    });

    const stored = sandbox.state.orders().filter((o) => o.refId === 'test-reward-1');
    if (stored.length !== 1 || order.source !== 'reconciled') throw new Error('expected exactly one order');
  } finally {
    await sandbox.close();
  }
}

runIfMain(import.meta.url, async () => {
  await rewardIsSentOnceEvenWhenTheAnswerIsLost();
  console.log('The order was stored, its answer lost, and send() found it by refId: one order, paid once.');
});
