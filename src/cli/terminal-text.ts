/**
 * Makes API-controlled text safe to print: an ESC sequence or a bidi override in a BrandName or a
 * StatusMessage could move the cursor, recolour or reorder a line and forge, say, a balance.
 * `strip-ansi` (maintained, CSI/OSC aware) removes escape sequences; what it leaves of C0/C1 control
 * characters and the Unicode bidi controls goes here.
 */
import stripAnsi from 'strip-ansi';

/**
 * C0 controls but tab and line feed, DEL, C1 controls, and the bidi controls: LRE RLE PDF LRO RLO
 * (U+202A-E), LRI RLI FSI PDI (U+2066-9), LRM RLM (U+200E/F) and the Arabic letter mark (U+061C).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, with tab and line feed too
const UNSAFE_OR_BREAK = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** `text` without escape sequences, control characters (line breaks kept unless `singleLine`) or bidi controls. */
export function terminalSafe(text: string, options: { singleLine?: boolean } = {}): string {
  const stripped = stripAnsi(text);
  return options.singleLine === true ? stripped.replace(UNSAFE_OR_BREAK, ' ') : stripped.replace(UNSAFE, '');
}

/** A deep copy of `value` with every string (keys included) made {@link terminalSafe} on one line. */
export function terminalSafeDeep(value: unknown): unknown {
  if (typeof value === 'string') return terminalSafe(value, { singleLine: true });
  if (Array.isArray(value)) return value.map(terminalSafeDeep);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [terminalSafe(k, { singleLine: true }), terminalSafeDeep(v)]),
    );
  }
  return value;
}
