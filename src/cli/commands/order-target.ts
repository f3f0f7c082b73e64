import type { Command } from 'commander';
import { positiveInt } from '../args.js';

export interface TargetFlags {
  readonly order: string;
  readonly voucher?: number;
  readonly yes?: boolean;
  readonly dryRun?: boolean;
}

export function targetOptions(command: Command): Command {
  return command
    .requiredOption('--order <uid>', 'the OrderUID')
    .option('--voucher <id>', 'only this voucher of the order', positiveInt);
}
