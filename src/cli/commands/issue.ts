import type { Command } from 'commander';
import { HuurayIndeterminateOrderError } from '../../core/errors/indeterminate-order-error.js';
import { parseInput } from '../../inputs/parse.js';
import { issueInput } from '../../workflows/issue.js';
import { amountMinor, examples, money as formatMinor, positiveInt } from '../args.js';
import { confirmOrStop } from '../confirm.js';
import { withHuuray } from '../context.js';
import { CliExit, ExitCode } from '../exit-codes.js';
import { showCode } from '../output.js';
import { assertAffordable, previewSpend, printPreview } from '../preview.js';
import { withSafetyOptions } from '../safety-options.js';

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

export function issueCommand(program: Command): void {
  withSafetyOptions(
    program
      .command('issue')
      .description('issue gift card codes without delivery (sync orders of up to 25), exactly once per --ref-id')
      .requiredOption('--product <token>', 'product token from `huuray catalogue`')
      .requiredOption('--value <amount>', 'face value of each code, e.g. 50.00')
      .requiredOption('--currency <code>', 'currency, e.g. DKK')
      .requiredOption('--quantity <n>', 'number of codes', positiveInt)
      .requiredOption('--ref-id <refId>', 'your reference; re-running completes an unfinished issue, never duplicates')
      .option('--concurrency <n>', 'orders in flight at once (default 4)', positiveInt),
  )
    .addHelpText(
      'after',
      examples(
        'huuray issue --product prod_abc --value 100.00 --currency DKK --quantity 60 --ref-id raffle-2026 --yes --show-codes --json',
      ),
    )
    .action((flags: IssueFlags, command: Command) =>
      withHuuray(command, async ({ huuray, out }) => {
        const input = parseInput(
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
        const preview = await previewSpend(huuray, [
          {
            productToken: input.productToken,
            currency: input.currency,
            valueMinor: input.valueMinor,
            count: input.quantity,
          },
        ]);
        printPreview(
          out,
          `Will issue ${input.quantity} code(s) (refId ${input.refId}; chunks already issued are reused)`,
          preview,
        );
        assertAffordable(preview);
        await confirmOrStop(
          out,
          flags,
          `issue ${input.quantity} gift cards for ${formatMinor(input.valueMinor * input.quantity, input.currency)}`,
          { refId: input.refId, quantity: input.quantity, preview },
        );
        const result = await huuray.issue(input);
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
              out.say(
                'the account returned no codes (ReturnCode is not enabled on it): the codes are delivered elsewhere',
              );
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
      }),
    );
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
