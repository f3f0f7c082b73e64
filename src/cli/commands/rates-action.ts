import type { Command } from 'commander';
import { withHuuray } from '../context.js';

export function ratesAction(flags: { from: string; to: string }, command: Command): Promise<void> {
  return withHuuray(command, async ({ huuray, out }) => {
    const rate = await huuray.exchangeRate({ from: flags.from, to: flags.to });
    out.result(rate, () => out.say(`1 ${rate.from} = ${rate.rate} ${rate.to} (spread ${rate.spreadPercent}%)`));
  });
}
