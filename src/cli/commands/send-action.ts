import type { Command } from 'commander';
import { sendInput } from '../../workflows/send.js';
import { amountMinor, money as formatMinor } from '../args.js';
import { confirmOrStop } from '../confirm.js';
import { withHuuray } from '../context.js';
import { parseFlags } from '../flag-input.js';
import { findRecord, recordOrder } from '../order-record.js';
import { printOrder } from '../order-view.js';
import { assessPlan, stopIfRefused } from '../pre-checks.js';
import { printPreview } from '../preview.js';
import { recipientDiffers, recordDiffers, refuseConflict } from '../ref-id-conflict.js';

interface SendFlags {
  readonly product: string;
  readonly value: string;
  readonly currency: string;
  readonly template: number;
  readonly refId: string;
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly message?: string;
  readonly deliverAt?: string;
  readonly yes?: boolean;
  readonly dryRun?: boolean;
}

export function sendAction(flags: SendFlags, command: Command): Promise<void> {
  return withHuuray(command, async ({ huuray, out, io, globals }) => {
    const input = parseFlags(
      sendInput,
      {
        productToken: flags.product,
        valueMinor: amountMinor(flags.value, flags.currency),
        currency: flags.currency,
        templateId: flags.template,
        refId: flags.refId,
        recipient: {
          ...(flags.name === undefined ? {} : { name: flags.name }),
          ...(flags.email === undefined ? {} : { email: flags.email }),
          ...(flags.phone === undefined ? {} : { phone: flags.phone }),
        },
        ...(flags.message === undefined ? {} : { message: flags.message }),
        ...(flags.deliverAt === undefined ? {} : { deliverAt: flags.deliverAt }),
      },
      'send',
    );
    const existing = await huuray.orders.find({ refId: input.refId });
    if (existing !== null && existing.refId === input.refId) {
      const record = findRecord(io.cwd, { refId: input.refId });
      if (recipientDiffers(existing, input.recipient) || (record !== null && recordDiffers(record, input))) {
        refuseConflict(out, existing, input, record);
      }
      out.note(`refId ${input.refId} was already sent to this recipient; nothing to do`);
      out.result({ ...existing, source: 'existing' }, () => printOrder(out, existing, { source: 'existing' }));
      return;
    }
    const purchase = { productToken: input.productToken, currency: input.currency, valueMinor: input.valueMinor };
    const assessment = await assessPlan(huuray, {
      purchases: [{ ...purchase, count: 1 }],
      delivery: { templateId: input.templateId, recipients: [input.recipient] },
    });
    const to = input.recipient.email ?? input.recipient.phone ?? '';
    printPreview(out, `Will send 1 gift card to ${to} (refId ${input.refId})`, assessment.preview);
    const action = `send 1 gift card for ${formatMinor(input.valueMinor, input.currency)}`;
    const plan = { refId: input.refId, preview: assessment.preview, refusals: assessment.refusals };
    stopIfRefused(out, flags, action, assessment, plan);
    await confirmOrStop(io, out, flags, action, plan);
    const placed = await huuray.send(input);
    if (globals.sandbox !== true) {
      const problem = recordOrder(io.cwd, { ...purchase, orderUid: placed.orderUid, refId: input.refId, count: 1 });
      if (problem !== null) out.note(`warning: ${problem}`);
    }
    out.result(placed, () => printOrder(out, placed, { source: placed.source }));
  });
}
