import { Command, Option } from 'commander';
import { HuurayValidationError } from '../core/errors/validation-error.js';
import { examples, positiveInt } from './args.js';
import { balanceCommand } from './commands/balance.js';
import { campaignCommand } from './commands/campaign.js';
import { cancelCommand } from './commands/cancel.js';
import { catalogueCommand } from './commands/catalogue.js';
import { issueCommand } from './commands/issue.js';
import { ledgerCommand } from './commands/ledger.js';
import { ratesCommand } from './commands/rates.js';
import { reconcileCommand } from './commands/reconcile.js';
import { resendCommand } from './commands/resend.js';
import { sandboxCommand } from './commands/sandbox.js';
import { searchCommand } from './commands/search.js';
import { sendCommand } from './commands/send.js';
import { stockCommand } from './commands/stock.js';
import { templatesCommand } from './commands/templates.js';
import { CliExit, exitCodeFor } from './exit-codes.js';
import { LEDGER_OPTION } from './ledger-connection.js';
import { Output } from './output.js';

/** The `huuray` program with every subcommand. Errors are thrown (exitOverride), never `process.exit`. */
export function buildProgram(): Command {
  const program = new Command('huuray')
    .description(
      'Send and manage Huuray gift cards from the command line. Every money-moving command previews and asks first.',
    )
    .version('0.1.0')
    .option('--json', 'machine-readable output on stdout (human text goes to stderr)')
    .option('--token <token>', 'API token (default: $HUURAY_API_TOKEN)')
    .option('--secret <secret>', 'API secret (default: $HUURAY_API_SECRET; prefer it: flags show in process lists)')
    .option('--base-url <url>', 'API base URL (default: $HUURAY_BASE_URL or https://api.huuray.com)')
    .option('--sandbox', 'run against an in-process sandbox: no account needed, nothing real happens')
    .option(...LEDGER_OPTION)
    .option('--show-codes', 'print voucher codes, CVVs and redeem links (bearer money: careful where output goes)')
    .addOption(new Option('--timeout <ms>', 'time limit per read attempt').argParser(positiveInt).hideHelp())
    .addOption(new Option('--order-timeout <ms>', 'time limit per order attempt').argParser(positiveInt).hideHelp())
    .addOption(
      new Option('--settle-delay <ms>', 'wait between searches for a lost order').argParser(positiveInt).hideHelp(),
    )
    .addOption(
      new Option('--quarantine <ms>', 'time an order in doubt is never sent again').argParser(positiveInt).hideHelp(),
    )
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `${examples('huuray balance', 'huuray catalogue --country DK --currency DKK', 'huuray campaign run people.csv --name q4-thanks --product prod_abc --value 50.00 --currency DKK --template 12')}
Exit codes: 0 done, 1 API or network error, 2 usage, validation error or refId conflict (nothing sent), 3 outcome unknown (look it up or re-run), 130 interrupted.
`,
    );
  for (const add of [
    balanceCommand,
    catalogueCommand,
    templatesCommand,
    stockCommand,
    ratesCommand,
    searchCommand,
    sendCommand,
    issueCommand,
    resendCommand,
    cancelCommand,
    campaignCommand,
    reconcileCommand,
    ledgerCommand,
    sandboxCommand,
  ]) {
    add(program);
  }
  return program;
}

function describeError(error: unknown): string {
  if (error instanceof HuurayValidationError) {
    return `${error.message.split(':')[0]}:\n${error.issues.map((i) => `  ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n')}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Runs the CLI on `argv` (without node and script) and resolves to the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    const code = exitCodeFor(error);
    const isCommander = error instanceof Error && 'code' in error && String(error.code).startsWith('commander.');
    // commander has already printed its own message (usage errors, help, version).
    if (!isCommander && !(error instanceof CliExit && error.message === '')) {
      const json = argv.includes('--json');
      new Output({ json, showCodes: false }).error(describeError(error), {
        type: error instanceof Error ? error.name : 'Error',
        exitCode: code,
      });
    }
    return code;
  }
}
