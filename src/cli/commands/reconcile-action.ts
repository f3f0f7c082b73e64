import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { parseInput } from '../../inputs/parse.js';
import type { Ledger } from '../../ledger/types.js';
import { reconciliationReport, reportCsv, reportJson } from '../../workflows/reconciliation-report.js';
import { DEFAULT_QUARANTINE_MS, type ResolvedEntry, resolveLedger } from '../../workflows/resolve-ledger.js';
import { type SendInput, sendInput } from '../../workflows/send.js';
import { money } from '../args.js';
import { confirmOrStop } from '../confirm.js';
import { type CommandContext, type GlobalOptions, withHuuray } from '../context.js';
import { CliExit, ExitCode, usageError } from '../exit-codes.js';
import { ioFor } from '../io.js';
import { withLedger } from '../ledger-connection.js';
import type { Output } from '../output.js';

interface ReconcileFlags {
  readonly prefix?: string;
  readonly resend?: boolean;
  readonly inputs?: string;
  readonly report?: string;
  readonly yes?: boolean;
  readonly dryRun?: boolean;
}

/** `--inputs`: the original `send` inputs (JSON lines or one JSON array), by refId, checked before anything is sent. */
function readInputs(path: string): Map<string, SendInput> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw usageError(`cannot read --inputs ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const trimmed = text.trim();
  let values: unknown[];
  try {
    values = trimmed.startsWith('[')
      ? (JSON.parse(trimmed) as unknown[])
      : trimmed
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as unknown);
  } catch (error) {
    throw usageError(
      `--inputs ${path} is not JSON lines or a JSON array: ${error instanceof Error ? error.message : ''}`,
    );
  }
  const inputs = new Map<string, SendInput>();
  values.forEach((value, i) => {
    const input = parseInput(sendInput, value, `--inputs entry ${i + 1}`);
    if (inputs.has(input.refId)) throw usageError(`--inputs has refId ${input.refId} twice`);
    inputs.set(input.refId, value as SendInput);
  });
  return inputs;
}

function reportFormat(path: string | undefined): 'csv' | 'json' | null {
  if (path === undefined) return null;
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.json') return ext === '.csv' ? 'csv' : 'json';
  throw usageError('--report must end in .csv or .json');
}

function printResolved(out: Output, lines: readonly ResolvedEntry[]): void {
  if (lines.length === 0) {
    out.say('nothing in doubt');
    return;
  }
  out.table(
    ['refId', 'action', 'state', 'order', 'amount', 're-send possible at'],
    lines.map((l) => [
      l.refId,
      l.action,
      l.entry.state,
      l.entry.orderUid ?? '',
      money(l.entry.intent.valueMinor * l.entry.intent.quantity, l.entry.intent.currency),
      l.resendableAt === null ? '' : new Date(l.resendableAt).toISOString(),
    ]),
  );
}

async function reconcile(ctx: CommandContext, ledger: Ledger, flags: ReconcileFlags): Promise<void> {
  const { huuray, out, globals, io } = ctx;
  const format = reportFormat(flags.report);
  if (flags.resend === true && flags.inputs === undefined) {
    throw usageError('--resend needs --inputs FILE: the ledger keeps only a digest of the recipients');
  }
  const inputs = flags.resend === true && flags.inputs !== undefined ? readInputs(flags.inputs) : null;
  // One quarantine for the resolver and for the re-sending client (the global --quarantine), so they agree.
  const quarantineMs = globals.quarantine ?? DEFAULT_QUARANTINE_MS;
  const base = { quarantineMs, refIdPrefix: flags.prefix };

  // First only search and settle; money moves only in a second pass, after the count is shown and confirmed.
  let lines = await resolveLedger(huuray, ledger, base);
  const resendable = lines.filter((l) => l.action === 'resendable' && inputs?.has(l.refId) === true);
  if (inputs !== null && resendable.length > 0) {
    out.say(`${resendable.length} refIds are past the quarantine and a search still finds nothing.`);
    await confirmOrStop(io, out, flags, `re-send ${resendable.length} gift cards`, {
      resend: resendable.map((l) => l.refId),
    });
    lines = await resolveLedger(huuray, ledger, {
      ...base,
      resend: async (entry) => {
        const input = inputs.get(entry.refId);
        return input === undefined ? null : huuray.send(input);
      },
    });
  }

  const entries = await ledger.list({ refIdPrefix: flags.prefix });
  const report = reconciliationReport(entries, lines, { quarantineMs });
  if (format !== null && flags.report !== undefined) {
    writeFileSync(flags.report, format === 'csv' ? reportCsv(report) : reportJson(report));
    out.note(`report written to ${flags.report} (${report.rows.length} refIds)`);
  }
  out.result({ resolved: lines, counts: report.counts, done: report.done }, () => {
    printResolved(out, lines);
    const c = report.counts;
    out.say(`done ${c.done}, in doubt ${c['in-doubt']}, in flight ${c['in-flight']}, refused ${c.refused}`);
  });
  const stillInDoubt = lines.filter((l) => l.entry.state === 'in-doubt').length;
  if (stillInDoubt > 0) {
    out.note(
      `${stillInDoubt} refIds are still in doubt: run again later (after the quarantine, with --resend to re-send)`,
    );
    throw new CliExit(ExitCode.unknown);
  }
}

export function reconcileAction(flags: ReconcileFlags, command: Command): Promise<void> {
  return withLedger(command.optsWithGlobals<GlobalOptions>().ledger, ioFor(command).env, (ledger) =>
    withHuuray(command, (ctx) => reconcile(ctx, ledger, flags), {}, ledger),
  );
}
