import type { Command } from 'commander';
import { currencyCode, examples } from '../args.js';
import { withHuuray } from '../context.js';

export function ratesCommand(program: Command): void {
  program
    .command('rates')
    .description("the exchange rate between two currencies, with Huuray's spread")
    .requiredOption('--from <code>', 'currency to convert from, e.g. EUR', currencyCode)
    .requiredOption('--to <code>', 'currency to convert to, e.g. DKK', currencyCode)
    .addHelpText('after', examples('huuray rates --from EUR --to DKK'))
    .action((flags: { from: string; to: string }, command: Command) =>
      withHuuray(command, async ({ huuray, out }) => {
        const rate = await huuray.exchangeRate({ from: flags.from, to: flags.to });
        out.result(rate, () => out.say(`1 ${rate.from} = ${rate.rate} ${rate.to} (spread ${rate.spreadPercent}%)`));
      }),
    );
}
