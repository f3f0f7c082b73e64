// Send one gift card to one person, exactly once, from a service: npx tsx examples/send-one-gift-card.ts
import {
  fitsDenomination,
  type Huuray,
  HuurayIndeterminateOrderError,
  HuurayValidationError,
  type PlacedOrder,
  redact,
  toMinorUnits,
} from 'huuray-client';
import { connect, runIfMain } from './connect.js';

/** 20000: amounts are integers in minor units, converted from text without floating point. */
const GIFT_VALUE_MINOR = toMinorUnits('200.00', 'DKK');

export interface Reward {
  readonly productToken: string;
  readonly templateId: number;
}

export async function rewardAnniversary(
  huuray: Huuray,
  reward: Reward,
  employee: { id: string; name: string; email: string },
): Promise<PlacedOrder | null> {
  try {
    const order = await huuray.send({
      productToken: reward.productToken,
      valueMinor: GIFT_VALUE_MINOR,
      currency: 'DKK',
      templateId: reward.templateId,
      recipient: { name: employee.name, email: employee.email },
      // Your own stable key for this reward: calling again with it never sends a second card.
      refId: `anniversary-2026-${employee.id}`,
    });
    // source: 'created' (sent now), 'reconciled' (answer was lost, found by search), 'existing' (sent before)
    console.log('gift card order', order.orderUid, order.source, redact(order.vouchers));
    return order;
  } catch (error) {
    if (error instanceof HuurayValidationError) {
      console.error('fix the input:', error.issues); // nothing was sent
    } else if (error instanceof HuurayIndeterminateOrderError) {
      // Outcome unknown: retry later with the same refId; send() will search before sending again.
      console.error('outcome unknown for', error.refId);
    } else {
      throw error;
    }
    return null;
  }
}

runIfMain(import.meta.url, async () => {
  const { huuray, where, close } = await connect();
  try {
    console.log(`Using ${where}`);
    const product = (await huuray.catalogue()).find(
      (p) => p.productToken !== null && p.currency === 'DKK' && fitsDenomination(p, GIFT_VALUE_MINOR),
    );
    const template = (await huuray.templates()).find((t) => t.type === 'Email');
    if (!product?.productToken || !template) throw new Error('no 200 DKK product or no email template');
    const employee = { id: '42', name: 'Ada Lovelace', email: 'ada@example.com' };
    const reward = { productToken: product.productToken, templateId: template.id };
    const first = await rewardAnniversary(huuray, reward, employee);
    const again = await rewardAnniversary(huuray, reward, employee); // the same refId: found, not sent again
    console.log(
      `first call: ${first?.source}, second call: ${again?.source}, same order: ${first?.orderUid === again?.orderUid}`,
    );
  } finally {
    await close();
  }
});
