import { type Command, InvalidArgumentError } from 'commander';
import type { LedgerState } from '../../ledger/types.js';
import { examples, positiveInt } from '../args.js';
import { lazyAction } from '../lazy-action.js';

const STATES: readonly LedgerState[] = ['in-flight', 'done', 'refused', 'in-doubt'];

function state(text: string): LedgerState {
  if (!(STATES as readonly string[]).includes(text)) {
    throw new InvalidArgumentError(`must be one of ${STATES.join(', ')}`);
  }
  return text as LedgerState;
}

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
    .action(lazyAction(async () => (await import('./ledger-action.js')).ledgerListAction));
}
