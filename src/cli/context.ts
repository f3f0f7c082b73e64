import type { Command } from 'commander';
import { Huuray } from '../huuray.js';
import type { Ledger } from '../ledger/types.js';
import { usageError } from './exit-codes.js';
import { type CliIo, ioFor } from './io.js';
import { openLedger } from './ledger-connection.js';
import { Output } from './output.js';
import { type SandboxHandle, startSandbox } from './sandbox-adapter.js';

/** Options every command accepts (declared on the program). */
export interface GlobalOptions {
  readonly json?: boolean;
  readonly token?: string;
  readonly secret?: string;
  readonly baseUrl?: string;
  readonly sandbox?: boolean;
  readonly showCodes?: boolean;
  readonly timeout?: number;
  readonly orderTimeout?: number;
  readonly settleDelay?: number;
  readonly quarantine?: number;
  /** PostgreSQL ledger URL (`--ledger`, else `HUURAY_LEDGER_URL`). */
  readonly ledger?: string;
}

/** What a command runs with. */
export interface CommandContext {
  readonly huuray: Huuray;
  readonly out: Output;
  readonly globals: GlobalOptions;
  readonly io: CliIo;
}

export function outputFor(command: Command): Output {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const io = ioFor(command);
  return new Output({
    json: globals.json === true,
    showCodes: globals.showCodes === true,
    env: io.env,
    stdout: io.stdout,
    stderr: io.stderr,
  });
}

/** What a command needs from the account beyond one run. */
export interface HuurayNeeds {
  /**
   * The command reads orders an earlier command placed (search, resend, cancel). `--sandbox` starts a
   * fresh sandbox per command, which has none, so such a command is refused there with a hint instead of
   * answering "not found" for an order that exists in no lasting place.
   */
  readonly earlierOrders?: boolean;
}

/** The message of that refusal, and of the note every `--sandbox` command prints once. */
export const SANDBOX_IS_FRESH =
  '--sandbox starts a fresh sandbox for this command only; nothing is kept when it ends. For one that lasts between commands, run `huuray sandbox` in another shell and export the values it prints';

/**
 * Runs `body` with a `Huuray` built from flags, then `HUURAY_API_TOKEN`, `HUURAY_API_SECRET` and
 * `HUURAY_BASE_URL`, or against an in-process sandbox with `--sandbox` (closed afterwards). With
 * `--ledger` or `HUURAY_LEDGER_URL`, every order goes through that PostgreSQL ledger (opened here and
 * closed afterwards, unless the caller passes one it already opened) so processes and machines share it.
 */
export async function withHuuray<T>(
  command: Command,
  body: (ctx: CommandContext) => Promise<T>,
  needs: HuurayNeeds = {},
  ledger?: Ledger,
): Promise<T> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const io = ioFor(command);
  const out = outputFor(command);
  let sandbox: SandboxHandle | null = null;
  const ledgerUrl = globals.ledger ?? io.env.HUURAY_LEDGER_URL;
  const ownLedger =
    ledger === undefined && ledgerUrl !== undefined && ledgerUrl !== '' ? await openLedger(ledgerUrl, io.env) : null;
  const shared = ledger ?? ownLedger ?? undefined;
  try {
    let credentials: { token: string; secret: string; baseUrl: string | undefined };
    if (globals.sandbox === true) {
      if (needs.earlierOrders === true) {
        throw usageError(`huuray ${command.name()} needs orders placed by earlier commands. ${SANDBOX_IS_FRESH}.`);
      }
      out.note(`note: ${SANDBOX_IS_FRESH}.`);
      sandbox = await startSandbox();
      credentials = { token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url };
    } else {
      const token = globals.token ?? io.env.HUURAY_API_TOKEN;
      const secret = globals.secret ?? io.env.HUURAY_API_SECRET;
      if (!token || !secret) {
        throw usageError(
          'no credentials: set HUURAY_API_TOKEN and HUURAY_API_SECRET (or --token/--secret), or try --sandbox',
        );
      }
      credentials = { token, secret, baseUrl: globals.baseUrl ?? (io.env.HUURAY_BASE_URL || undefined) };
    }
    const huuray = new Huuray({
      ...credentials,
      ...(globals.timeout === undefined ? {} : { timeoutMs: globals.timeout }),
      ...(globals.orderTimeout === undefined ? {} : { orderTimeoutMs: globals.orderTimeout }),
      ...(shared === undefined ? {} : { ledger: shared }),
      reconcile: {
        ...(globals.settleDelay === undefined ? {} : { settleDelayMs: globals.settleDelay }),
        ...(globals.quarantine === undefined ? {} : { quarantineMs: globals.quarantine }),
      },
    });
    return await body({ huuray, out, globals, io });
  } finally {
    await sandbox?.close();
    await ownLedger?.close();
  }
}
