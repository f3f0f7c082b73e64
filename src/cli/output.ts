import { randomBytes } from 'node:crypto';
import { redact } from '../core/redact.js';
import type { TextSink } from './io.js';
import { formatTable } from './table.js';
import { terminalSafe, terminalSafeDeep } from './terminal-text.js';

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
 * Where a command writes, and the one place every byte for the terminal passes. Human text goes to
 * stdout, except in `--json` mode, where stdout carries exactly one JSON document and everything for
 * people goes to stderr. JSON is redacted (no codes, CVVs or redeem links) unless `--show-codes`.
 *
 * Everything written is made terminal-safe (terminal-text.ts): API strings cannot carry escape
 * sequences, control or bidi characters to the terminal, in tables, lines, errors or JSON. The
 * command's own styling survives because `style()` marks it with a per-process random token that
 * no server can know, and the marks become colours only after the text was cleaned.
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
    if (this.json) this.#write(this.#stderr, this.#colourErr, text);
    else this.#write(this.#stdout, this.#colourOut, text);
  }

  /** A note for people that is never part of the result (warnings, hints, progress). */
  note(text: string): void {
    this.#write(this.#stderr, this.#colourErr, text);
  }

  /** The command's result: `value` as JSON in `--json` mode, otherwise what `human` prints. */
  result(value: unknown, human: () => void): void {
    if (this.json) {
      const shown = terminalSafeDeep(this.showCodes ? value : redact(value));
      this.#stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    } else human();
  }

  table(headers: readonly string[], rows: readonly (readonly string[])[]): void {
    const safe = (cell: string) => terminalSafe(cell, { singleLine: true });
    const text = formatTable(
      headers.map(safe),
      rows.map((row) => row.map(safe)),
    );
    const [head, ...rest] = text.split('\n');
    this.say([this.style('bold', head ?? ''), ...rest].join('\n'));
  }

  /** A failure message on stderr; in `--json` mode also as `{"error": ...}` on stdout for machines. */
  error(message: string, details: { type: string; exitCode: number } & Record<string, unknown>): void {
    const safe = terminalSafe(message, { singleLine: true });
    this.#stderr.write(`${this.#colourErr ? wrap('red', 'error:') : 'error:'} ${safe}\n`);
    if (this.json) {
      const document = { error: { ...details, message } };
      this.#stdout.write(
        `${JSON.stringify(terminalSafeDeep(this.showCodes ? document : redact(document)), null, 2)}\n`,
      );
    }
  }

  /** Styles text for stdout (for stderr-bound text in `--json` mode the styling is dropped). */
  style(style: keyof typeof ANSI, text: string): string {
    return this.#colourOut && !this.json ? `${mark(style, 'on')}${text}${mark(style, 'off')}` : text;
  }

  /** Cleans `text`, then turns this process's style marks into colours (or drops them). */
  #write(stream: TextSink, colour: boolean, text: string): void {
    const safe = terminalSafe(text).replace(MARK, (_, style: keyof typeof ANSI, edge: 'on' | 'off') =>
      colour ? sgr(ANSI[style][edge === 'on' ? 0 : 1]) : '',
    );
    stream.write(`${safe}\n`);
  }
}

/** Unknowable to a server, so an API string cannot carry a mark that turns into an escape sequence. */
const MARK_TOKEN = randomBytes(9).toString('base64url');
const MARK = new RegExp(`\\[${MARK_TOKEN}:(bold|dim|red|green|yellow):(on|off)\\]`, 'g');

function mark(style: keyof typeof ANSI, edge: 'on' | 'off'): string {
  return `[${MARK_TOKEN}:${style}:${edge}]`;
}

function sgr(code: number): string {
  return `\u001b[${code}m`;
}

function wrap(style: keyof typeof ANSI, text: string): string {
  const [on, off] = ANSI[style];
  return `${sgr(on)}${text}${sgr(off)}`;
}

/** How a voucher code is shown: hidden unless `--show-codes`, because codes are bearer money. */
export function showCode(out: Output, code: string | null): string {
  if (code === null) return '';
  return out.showCodes ? code : '(hidden: --show-codes)';
}
