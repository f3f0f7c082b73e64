import { CommanderError } from 'commander';
import {
  HuurayConflictError,
  HuurayError,
  HuurayIndeterminateOrderError,
  HuurayValidationError,
} from '../core/errors/index.js';

/** The exit codes of `huuray`, part of its interface for scripts. */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** The API refused or failed, or the network did. */
  apiError: 1,
  /** Bad arguments or input, or a refId already used for another reward; nothing was sent. */
  usage: 2,
  /** An order's outcome is unknown: look it up (or re-run) before sending again. */
  unknown: 3,
  /** Stopped by Ctrl-C. */
  interrupted: 130,
} as const;

/** Ends the command with `code`, printing `message` (if any) to stderr. */
export class CliExit extends Error {
  readonly code: number;
  /** More for machines: added to the `--json` error document. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: number, message = '', details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = 'CliExit';
    this.code = code;
    this.details = details;
  }
}

/** A usage problem found by the CLI itself (missing credentials, conflicting flags). */
export const usageError = (message: string) => new CliExit(ExitCode.usage, message);

/** The exit code for anything a command threw. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CliExit) return error.code;
  // commander reports help and version through the same path as usage errors.
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (error instanceof HuurayIndeterminateOrderError) return ExitCode.unknown;
  if (error instanceof HuurayValidationError) return ExitCode.usage;
  // A refId reused for another reward: nothing was sent, and re-running the same command will not help.
  if (error instanceof HuurayConflictError) return ExitCode.usage;
  if (error instanceof HuurayError) return ExitCode.apiError;
  return ExitCode.apiError;
}
