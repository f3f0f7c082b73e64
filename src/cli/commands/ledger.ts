import { type Command, InvalidArgumentError } from 'commander';
import type { LedgerState } from '../../ledger/types.js';
import { examples, money, positiveInt } from '../args.js';
import { type GlobalOptions, outputFor } from '../context.js';
import { ioFor } from '../io.js';
import { withLedger } from '../ledger-connection.js';

const STATES: readonly LedgerState[] = ['in-flight', 'done', 'refused', 'in-doubt'];

function state(text: string): LedgerState {
  if (!(STATES as readonly string[]).includes(text)) {
    throw new InvalidArgumentError(`must be one of ${STATES.join(', ')}`);
  }
  return text as LedgerState;
}

interface ListFlags {
  readonly state?: LedgerState;
  readonly prefix?: string;
  readonly limit?: number;
}

const time = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

export function ledgerCommand(program: Command): void {
  const ledger = program.command('ledger').description('look into the reward ledger (PostgreSQL); no API call');
  ledger
    .command('list')
    .description('list ledger entries, by state and refId prefix')
    .option('--state <state>', `only ${STATES.join(' | ')}`, state)
    .option('--prefix <refIdPrefix>', 'only refIds starting with this')
    .option('--limit <n>', 'at most this many', positiveInt)
    .addHelpText(
      'after',
      examples('huuray ledger list --state in-doubt', 'huuray ledger list --ledger postgres://app@db/rewards --json'),
    )
    .action(async (flags: ListFlags, command: Command) => {
      const out = outputFor(command);
      await withLedger(command.optsWithGlobals<GlobalOptions>().ledger, ioFor(command).env, async (store) => {
        const entries = await store.list({ state: flags.state, refIdPrefix: flags.prefix, limit: flags.limit });
        out.result(entries, () => {
          if (entries.length === 0) {
            out.say('no entries');
            return;
          }
          out.table(
            ['refId', 'state', 'order', 'amount', 'in doubt since', 'updated', 'reason'],
            entries.map((e) => [
              e.refId,
              e.state,
              e.orderUid ?? '',
              money(e.intent.valueMinor * e.intent.quantity, e.intent.currency),
              time(e.inDoubtSince),
              time(e.updatedAt),
              e.reason ?? '',
            ]),
          );
        });
      });
    });
}
