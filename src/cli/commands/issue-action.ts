import type { Command } from 'commander';
import { HuurayIndeterminateOrderError } from '../../core/errors/indeterminate-order-error.js';
import { issueInput } from '../../workflows/issue.js';
import { amountMinor, money as formatMinor } from '../args.js';
import { confirmOrStop } from '../confirm.js';
import { withHuuray } from '../context.js';
import { CliExit, ExitCode } from '../exit-codes.js';
import { parseFlags } from '../flag-input.js';
import { issuedHere } from '../issued-here.js';
import { recordOrder } from '../order-record.js';
import { showCode } from '../output.js';
import { assessPlan, stopIfRefused } from '../pre-checks.js';
import { printPreview } from '../preview.js';

interface IssueFlags {
  readonly product: string;
  readonly value: string;
  readonly currency: string;
  readonly quantity: number;
  readonly refId: string;
  readonly concurrency?: number;
  readonly yes?: boolean;
  readonly dryRun?: boolean;
}

export function issueAction(flags: IssueFlags, command: Command): Promise<void> {
  return withHuuray(command, async ({ huuray, out, io, globals }) => {
    const input = parseFlags(
      issueInput,
      {
        productToken: flags.product,
        valueMinor: amountMinor(flags.value, flags.currency),
        currency: flags.currency,
        quantity: flags.quantity,
        refId: flags.refId,
        ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
      },
      'issue',
    );
    const issued = issuedHere(io.cwd, input);
    const remaining = input.quantity - issued;
    const assessment = await assessPlan(huuray, {
      purchases: [
        {
          productToken: input.productToken,
          currency: input.currency,
          valueMinor: input.valueMinor,
          count: remaining,
        },
      ],
    });
    printPreview(
      out,
      issued === 0
        ? `Will issue ${input.quantity} code(s) (refId ${input.refId})`
        : `Will issue ${remaining} more code(s) of ${input.quantity} (refId ${input.refId}; ${issued} already issued from here are reused)`,
      assessment.preview,
    );
    const action = `issue ${remaining} gift cards for ${formatMinor(input.valueMinor * remaining, input.currency)}`;
    const plan = {
      refId: input.refId,
      quantity: input.quantity,
      preview: assessment.preview,
      refusals: assessment.refusals,
    };
    stopIfRefused(out, flags, action, assessment, plan);
    await confirmOrStop(io, out, flags, action, plan);
    const result = await huuray.issue(input);
    for (const c of result.chunks) {
      if (c.state !== 'done' || globals.sandbox === true) continue;
      const problem = recordOrder(io.cwd, {
        orderUid: c.order.orderUid,
        refId: c.refId,
        productToken: input.productToken,
        currency: input.currency,
        valueMinor: input.valueMinor,
        count: c.quantity,
      });
      if (problem !== null) out.note(`warning: ${problem}`);
    }
    const chunks = result.chunks.map((c) =>
      c.state === 'failed'
        ? { refId: c.refId, quantity: c.quantity, state: c.state, error: errorText(c.error) }
        : c.state === 'done'
          ? {
              refId: c.refId,
              quantity: c.quantity,
              state: c.state,
              orderUid: c.order.orderUid,
              source: c.order.source,
            }
          : { refId: c.refId, quantity: c.quantity, state: c.state },
    );
    out.result(
      {
        refId: result.refId,
        quantity: result.quantity,
        complete: result.complete,
        codesReturned: result.codesReturned,
        chunks,
        vouchers: result.vouchers,
      },
      () => {
        out.table(
          ['Voucher', 'Expires', 'Code'],
          result.vouchers.map((v) => [v.id === null ? '' : String(v.id), v.expires ?? '', showCode(out, v.code)]),
        );
        out.say(`${result.vouchers.length} of ${result.quantity} code(s) issued`);
        if (!result.codesReturned && result.vouchers.length > 0) {
          out.say('the account returned no codes (ReturnCode is not enabled on it): the codes are delivered elsewhere');
        }
        for (const c of chunks)
          if (c.state !== 'done') out.say(`  ${c.refId}: ${c.state} ${'error' in c ? c.error : ''}`);
      },
    );
    if (!result.complete) {
      const unknown = result.chunks.some(
        (c) => c.state === 'failed' && c.error instanceof HuurayIndeterminateOrderError,
      );
      throw new CliExit(
        unknown ? ExitCode.unknown : ExitCode.apiError,
        `issue incomplete; run the same command again to complete it without duplicates`,
      );
    }
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
