import { createInterface } from 'node:readline/promises';
import { CliExit, ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import type { Output } from './output.js';

/** The flags every money-moving command has. */
export interface SafetyFlags {
  readonly yes?: boolean;
  readonly dryRun?: boolean;
}

/**
 * Asks before money moves. `--dry-run` ends the command here (exit 0, nothing sent); `--yes` skips the
 * question; on a terminal the user must type `yes`; with no terminal and no `--yes` it refuses (exit 2)
 * rather than guess.
 */
export async function confirmOrStop(
  io: CliIo,
  out: Output,
  flags: SafetyFlags,
  action: string,
  plan?: unknown,
): Promise<void> {
  if (flags.dryRun === true) {
    // With --json a dry run is still one JSON document on stdout, so scripts can read the plan.
    out.say('dry run: nothing was sent');
    out.result({ dryRun: true, sent: false, action, ...(plan === undefined ? {} : { plan }) }, () => undefined);
    throw new CliExit(ExitCode.ok);
  }
  if (flags.yes === true) return;
  if (io.stdin.isTTY !== true || io.stderr.isTTY !== true) {
    throw new CliExit(ExitCode.usage, 'no terminal to confirm on: pass --yes to send, or --dry-run to only look');
  }
  // Only reached on a terminal, where stderr is the process's own stream.
  const rl = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
  try {
    const answer = await rl.question(`Type yes to ${action}: `);
    if (answer.trim().toLowerCase() !== 'yes') throw new CliExit(ExitCode.usage, 'not confirmed; nothing was sent');
  } finally {
    rl.close();
  }
}
