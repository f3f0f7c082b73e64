// Send one gift card to one person, exactly once, from a service.
import { Huuray, HuurayIndeterminateOrderError, HuurayValidationError, redact, toMinorUnits } from 'huuray-client';

const huuray = new Huuray({
  token: process.env.HUURAY_API_TOKEN ?? '',
  secret: process.env.HUURAY_API_SECRET ?? '',
});

export async function rewardAnniversary(employee: { id: string; name: string; email: string }): Promise<void> {
  try {
    const order = await huuray.send({
      productToken: 'prod_from_catalogue',
      valueMinor: toMinorUnits('250.00', 'DKK'), // 25000: amounts are integers in minor units
      currency: 'DKK',
      templateId: 12,
      recipient: { name: employee.name, email: employee.email },
      // Your own stable key for this reward: calling again with it never sends a second card.
      refId: `anniversary-2026-${employee.id}`,
    });
    // source: 'created' (sent now), 'reconciled' (answer was lost, found by search), 'existing' (sent before)
    console.log('gift card order', order.orderUid, order.source, redact(order.vouchers));
  } catch (error) {
    if (error instanceof HuurayValidationError) {
      console.error('fix the input:', error.issues); // nothing was sent
    } else if (error instanceof HuurayIndeterminateOrderError) {
      // Outcome unknown: retry later with the same refId; send() will search before sending again.
      console.error('outcome unknown for', error.refId);
    } else {
      throw error;
    }
  }
}
