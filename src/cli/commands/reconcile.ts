import type { Command } from 'commander';
import { DEFAULT_QUARANTINE_MS } from '../../workflows/resolve-ledger.js';
import { examples } from '../args.js';
import { lazyAction } from '../lazy-action.js';
import { withSafetyOptions } from '../safety-options.js';

export function reconcileCommand(program: Command): void {
  withSafetyOptions(
    program
      .command('reconcile')
      .description(
        'search every in-doubt refId of a ledger, record what is found, re-send past the quarantine only with --resend',
      )
      .option('--prefix <refIdPrefix>', 'only refIds starting with this (a campaign name and -)')
      .option('--resend', 'past the quarantine, re-send what a search still cannot find (needs --inputs)')
      .option(
        '--inputs <file>',
        'the original send inputs as JSON lines: { productToken, valueMinor, currency, templateId, recipient, refId }',
      )
      .option('--report <file>', 'write a reconciliation report for finance: out.csv or out.json'),
  )
    .addHelpText(
      'after',
      `${examples(
        'HUURAY_LEDGER_URL=postgres://app@db/rewards huuray reconcile --report reconciliation.csv',
        'huuray reconcile --ledger postgres://app@db/rewards --prefix q4-thanks- --resend --inputs sent.jsonl --yes',
      )}
A refId is re-sent only once it has been in doubt for the quarantine (--quarantine <ms>, default ${DEFAULT_QUARANTINE_MS}),
and then through the ledger, which searches once more first.
Exit codes: 0 nothing left in doubt, 3 some refIds still in doubt, 2 usage, 1 API or database error.
`,
    )
    .action(lazyAction(async () => (await import('./reconcile-action.js')).reconcileAction));
}
