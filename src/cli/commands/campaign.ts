import type { Command } from 'commander';
import { campaignRunCommand } from './campaign-run.js';
import { campaignStatusCommand } from './campaign-status.js';

export function campaignCommand(program: Command): void {
  const campaign = program.command('campaign').description('send to many recipients from a CSV, resumably');
  campaignRunCommand(campaign);
  campaignStatusCommand(campaign);
}
