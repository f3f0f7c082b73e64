import { Command, CommanderError, Option } from 'commander';
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
import { workerCommand } from './commands/worker.js';
import { CliExit, ExitCode, exitCodeFor } from './exit-codes.js';
import { attachIo, type CliIo, processIo, type TextSink } from './io.js';
import { LEDGER_OPTION } from './ledger-connection.js';

/** The `huuray` program with every subcommand. Errors are thrown (exitOverride), never `process.exit`. */
export function buildProgram(io: CliIo = processIo(), helpOut: TextSink = io.stdout): Command {
  const program = new Command('huuray')
    .description(
      'Send and manage Huuray gift cards from the command line. Every money-moving command previews and asks first.',
    )
    .version('0.1.0')
    .option('--json', 'machine-readable output on stdout (human text goes to stderr)')
    .option('--token <token>', 'API token (default: $HUURAY_API_TOKEN)')
    .option('--secret <secret>', 'API secret (default: $HUURAY_API_SECRET; prefer it: flags show in process lists)')
    .option('--base-url <url>', 'API base URL (default: $HUURAY_BASE_URL or https://api.huuray.com)')
    .option(
      '--sandbox',
      'run this one command against a fresh in-process sandbox: no account needed, nothing real happens, nothing kept (`huuray sandbox` lasts)',
    )
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
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => void helpOut.write(text),
      writeErr: (text) => void io.stderr.write(text),
    })
    .exitOverride()
    .addHelpText(
      'after',
      `${examples('huuray balance', 'huuray catalogue --country DK --currency DKK', 'huuray campaign run people.csv --name q4-thanks --product prod_abc --value 50.00 --currency DKK --template 12')}
Exit codes: 0 done, 1 API or network error, 2 usage or validation error, a refusal found before sending or a refId conflict (nothing sent), 3 outcome unknown (look it up or re-run), 130 interrupted.
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
    workerCommand,
  ]) {
    add(program);
  }
  attachIo(program, io);
  checkRequiredAfterUnknown(program);
  return program;
}

/** Every command of the tree, depth first. */
function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/**
 * commander reports a missing required option before an unknown one, so `--prodcut` was reported as
 * "--product not specified" and the typo never named. Required options are therefore checked in a
 * preAction hook, which runs after commander's unknown-option check, and their help says "(required)".
 */
function checkRequiredAfterUnknown(program: Command): void {
  const required = new Map<Command, Option[]>();
  for (const command of allCommands(program)) {
    const options = command.options.filter((o) => o.mandatory);
    for (const option of options) {
      option.mandatory = false;
      option.description = `${option.description} (required)`;
    }
    if (options.length > 0) required.set(command, options);
  }
  program.hook('preAction', (_root, action) => {
    for (const option of required.get(action) ?? []) {
      if (action.getOptionValue(option.attributeName()) === undefined) {
        action.error(`error: required option '${option.flags}' not specified`, {
          code: 'commander.missingMandatoryOptionValue',
          exitCode: ExitCode.usage,
        });
      }
    }
  });
}

function describeError(error: unknown): string {
  if (error instanceof HuurayValidationError) {
    return `${error.message.split(':')[0]}:\n${error.issues.map((i) => `  ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n')}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs the CLI on `argv` (without node and script) and resolves to the exit code. Nothing here calls
 * `process.exit` or touches the process's streams except through `io`, so tests run it in-process.
 */
export async function runCli(argv: readonly string[], given: CliIo = processIo()): Promise<number> {
  // A command that printed its result and then failed (a campaign with failed rows) has written its one
  // JSON document already; the error then goes to stderr only.
  let resultWritten = false;
  const io: CliIo = {
    ...given,
    stdout: {
      isTTY: given.stdout.isTTY,
      write: (text: string) => {
        resultWritten = true;
        return given.stdout.write(text);
      },
    },
  };
  const json = argv.includes('--json');
  // With --json, help and version text is for people (stderr); stdout gets it as one JSON document.
  let shown = '';
  const program = buildProgram(
    io,
    json
      ? {
          write: (text: string) => {
            shown += text;
            return io.stderr.write(text);
          },
        }
      : io.stdout,
  );
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    const code = exitCodeFor(error);
    if (error instanceof CommanderError) {
      // commander has printed its own message (usage errors, help, version) on stderr; with --json a
      // failure still owes stdout its one JSON document.
      if (json && code === 0 && shown !== '') io.stdout.write(`${JSON.stringify({ text: shown }, null, 2)}\n`);
      if (json && code !== 0 && !resultWritten) {
        io.stdout.write(
          `${JSON.stringify({ error: { type: 'UsageError', code: error.code, exitCode: code, message: error.message.replace(/^error: /, '') } }, null, 2)}\n`,
        );
      }
      return code;
    }
    if (!(error instanceof CliExit && error.message === '')) {
      // Loaded here, not up front: help, version and usage errors never print through it (start-up cost).
      const { Output } = await import('./output.js');
      const output = new Output({
        json: json && !resultWritten,
        showCodes: false,
        env: io.env,
        stdout: io.stdout,
        stderr: io.stderr,
      });
      output.error(describeError(error), {
        ...(error instanceof CliExit ? error.details : {}),
        type: errorType(error, code),
        exitCode: code,
      });
    }
    return code;
  }
}

/** The `type` of a `--json` error document: the error class, or what a CLI stop means for scripts. */
function errorType(error: unknown, code: number): string {
  if (error instanceof CliExit) {
    const named = error.details.type;
    if (typeof named === 'string') return named;
    return code === ExitCode.usage ? 'UsageError' : 'CliExit';
  }
  return error instanceof Error ? error.name : 'Error';
}
