import type { Command } from 'commander';
import type { LedgerState } from '../../ledger/types.js';
import { money } from '../args.js';
import { type GlobalOptions, outputFor } from '../context.js';
import { ioFor } from '../io.js';
import { withLedger } from '../ledger-connection.js';

interface ListFlags {
  readonly state?: LedgerState;
  readonly prefix?: string;
  readonly limit?: number;
}

const time = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

export async function ledgerListAction(flags: ListFlags, command: Command): Promise<void> {
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
}
