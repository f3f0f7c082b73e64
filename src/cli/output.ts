import { redact } from '../core/redact.js';
import type { TextSink } from './io.js';
import { formatTable } from './table.js';

export interface OutputOptions {
  readonly json: boolean;
  readonly showCodes: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly stdout?: TextSink;
  readonly stderr?: TextSink;
}

const ANSI = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39] } as const;

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colourEnabled(stream: TextSink, env: Readonly<Record<string, string | undefined>>): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/**
 * Where a command writes. Human text goes to stdout, except in `--json` mode, where stdout carries
 * exactly one JSON document and everything for people goes to stderr. JSON is redacted (no codes,
 * CVVs or redeem links) unless `--show-codes` was given.
 */
export class Output {
  readonly json: boolean;
  readonly showCodes: boolean;
  readonly #stdout: TextSink;
  readonly #stderr: TextSink;
  readonly #colourOut: boolean;
  readonly #colourErr: boolean;

  constructor(options: OutputOptions) {
    const env = options.env ?? process.env;
    this.json = options.json;
    this.showCodes = options.showCodes;
    this.#stdout = options.stdout ?? process.stdout;
    this.#stderr = options.stderr ?? process.stderr;
    this.#colourOut = colourEnabled(this.#stdout, env);
    this.#colourErr = colourEnabled(this.#stderr, env);
  }

  /** A line for people: stdout normally, stderr in `--json` mode. */
  say(text = ''): void {
    if (this.json) this.#stderr.write(`${this.#plainIfErr(text)}\n`);
    else this.#stdout.write(`${text}\n`);
  }

  /** A note for people that is never part of the result (warnings, hints, progress). */
  note(text: string): void {
    this.#stderr.write(`${this.#plainIfErr(text)}\n`);
  }

  /** The command's result: `value` as JSON in `--json` mode, otherwise what `human` prints. */
  result(value: unknown, human: () => void): void {
    if (this.json) this.#stdout.write(`${JSON.stringify(this.showCodes ? value : redact(value), null, 2)}\n`);
    else human();
  }

  table(headers: readonly string[], rows: readonly (readonly string[])[]): void {
    const text = formatTable(headers, rows);
    const [head, ...rest] = text.split('\n');
    this.say([this.style('bold', head ?? ''), ...rest].join('\n'));
  }

  /** A failure message on stderr; in `--json` mode also as `{"error": ...}` on stdout for machines. */
  error(message: string, details: { type: string; exitCode: number } & Record<string, unknown>): void {
    this.#stderr.write(`${this.#colourErr ? wrap('red', 'error:') : 'error:'} ${message}\n`);
    if (this.json) {
      const document = { error: { ...details, message } };
      this.#stdout.write(`${JSON.stringify(this.showCodes ? document : redact(document), null, 2)}\n`);
    }
  }

  /** Styles text for stdout (for stderr-bound text in `--json` mode the styling is dropped). */
  style(style: keyof typeof ANSI, text: string): string {
    return this.#colourOut && !this.json ? wrap(style, text) : text;
  }

  #plainIfErr(text: string): string {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes is the point
    return this.#colourErr ? text : text.replace(/\u001b\[\d+m/g, '');
  }
}

function wrap(style: keyof typeof ANSI, text: string): string {
  const [on, off] = ANSI[style];
  return `\u001b[${on}m${text}\u001b[${off}m`;
}

/** How a voucher code is shown: hidden unless `--show-codes`, because codes are bearer money. */
export function showCode(out: Output, code: string | null): string {
  if (code === null) return '';
  return out.showCodes ? code : '(hidden: --show-codes)';
}
