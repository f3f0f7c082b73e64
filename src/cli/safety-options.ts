import type { Command } from 'commander';

/** Adds `--yes` and `--dry-run` to a command that moves money. */
export function withSafetyOptions(command: Command): Command {
  return command
    .option('-y, --yes', 'do not ask for confirmation (needed when there is no terminal)')
    .option('--dry-run', 'show what would happen and send nothing');
}
