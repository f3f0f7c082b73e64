import { type CsvError, parse } from 'csv-parse/sync';
import { HuurayValidationError } from '../core/errors/validation-error.js';
import { toMinorUnits } from '../money.js';
import { sendInput } from '../workflows/send.js';
import { campaignRefId, contactKey } from './ref-id.js';
import type { CampaignParams, CampaignRow } from './types.js';

/** One thing wrong with a recipients file; `line` is `null` for the file as a whole. */
export interface CsvProblem {
  /** Line of the file (1 is the header), or `null` for the file as a whole. */
  readonly line: number | null;
  /** What is wrong, in plain words. */
  readonly message: string;
}

/** A recipients file was refused: `problems` lists every bad row with its line number. Nothing was sent. */
export class CampaignFileError extends HuurayValidationError {
  /** Every problem of the file, with line numbers. */
  readonly problems: readonly CsvProblem[];

  constructor(problems: readonly CsvProblem[]) {
    super(
      'recipients file',
      problems.map((p) => ({ path: p.line === null ? '' : `line ${p.line}`, message: p.message })),
    );
    this.problems = problems;
  }
}

type Column = 'name' | 'email' | 'phone' | 'refId' | 'value';

/**
 * Header names as people and spreadsheet programs write them, compared without case, spaces,
 * dashes or underscores (`E-mail`, `Email address`, `Phone number`, `Ref ID`), mapped to the columns.
 */
const COLUMNS: Record<string, Column> = {
  name: 'name',
  fullname: 'name',
  recipientname: 'name',
  email: 'email',
  emailaddress: 'email',
  phone: 'phone',
  phonenumber: 'phone',
  mobile: 'phone',
  mobilenumber: 'phone',
  refid: 'refId',
  reference: 'refId',
  value: 'value',
  amount: 'value',
  facevalue: 'value',
};

const columnOf = (header: string): Column | undefined => COLUMNS[header.toLowerCase().replace(/[\s_-]+/g, '')];

/** The delimiters a recipients file may use: comma, or what spreadsheets export where the comma is the decimal mark. */
const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter of the header line: the candidate that occurs most often outside double quotes
 * (comma on a tie or when none occurs, so a one-column file still reads).
 */
export function detectDelimiter(text: string): string {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

type RawRow = Partial<Record<string, string>>;

function decodeUtf8(content: Uint8Array): { text: string } | { problem: CsvProblem } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(content) };
  } catch {
    // The fatal decoder does not say where; the lenient one marks the first bad byte with U+FFFD.
    const lenient = new TextDecoder('utf-8').decode(content);
    const at = lenient.indexOf('\uFFFD');
    const line = at < 0 ? null : lenient.slice(0, at).split('\n').length;
    return {
      problem: {
        line,
        message: 'the file is not valid UTF-8 (save it as "CSV UTF-8"; Excel\'s plain CSV and UTF-16 are not read)',
      },
    };
  }
}

/**
 * Checks that every row has what the template delivers to: an email address for an Email template, a
 * phone number for an SMS template. Throws one `CampaignFileError` listing every row that lacks it.
 */
export function checkDelivery(rows: readonly CampaignRow[], channel: 'email' | 'sms'): void {
  const field = channel === 'email' ? 'email' : 'phone';
  const missing = rows.filter((row) => row.recipient[field] === undefined);
  if (missing.length > 0) {
    throw new CampaignFileError(
      missing.map((row) => ({
        line: row.line,
        message: `${field} is missing, and the template delivers by ${channel === 'email' ? 'email' : 'SMS'}`,
      })),
    );
  }
}

/**
 * Reads and validates a recipients CSV (columns `name`, `email` and/or `phone`, optional `refId`, `value`) and
 * derives each row's RefID. Every problem of the whole file is collected first: it throws one
 * `CampaignFileError` listing them all, so nothing is sent until the file is clean.
 */
export function parseRecipients(content: Uint8Array, campaignName: string, params: CampaignParams): CampaignRow[] {
  const decoded = decodeUtf8(content);
  if ('problem' in decoded) throw new CampaignFileError([decoded.problem]);
  if (decoded.text.replace(/^\uFEFF/, '').trim() === '') {
    throw new CampaignFileError([{ line: null, message: 'the file is empty' }]);
  }

  const problems: CsvProblem[] = [];
  let records: unknown[] = [];
  try {
    records = parse(decoded.text, {
      bom: true,
      delimiter: detectDelimiter(decoded.text),
      columns: (header: string[]) => readHeader(header, problems),
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        if (error !== undefined) problems.push({ line: lineOf(error), message: error.message });
        return undefined;
      },
    }) as unknown[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    problems.push({ line: error instanceof Error ? lineOf(error) : null, message });
  }
  if (problems.some((p) => p.line === 1 || p.line === null)) throw new CampaignFileError(problems);
  if (records.length === 0 && problems.length === 0) {
    throw new CampaignFileError([{ line: null, message: 'the file has a header but no rows' }]);
  }

  const rows: CampaignRow[] = [];
  const firstLineOfKey = new Map<string, number>();
  for (const entry of records) {
    const { record, info } = entry as { record: RawRow; info: { lines: number } };
    const line = info.lines;
    // A file with an email column is an email campaign: every row needs one. Phone-only files are SMS.
    const contact = 'email' in record ? 'email' : 'phone';
    const row = validateRow(record, line, campaignName, params, problems, contact);
    if (row === null) continue;
    const first = firstLineOfKey.get(row.key);
    if (first !== undefined) {
      // The key of a row without a refId column is a hash of its contact: show the contact, not the hash.
      const who =
        typeof record.refId === 'string' && record.refId.trim() !== ''
          ? `refId ${JSON.stringify(row.key)}`
          : `recipient ${row.recipient.email ?? row.recipient.phone ?? row.key}`;
      problems.push({ line, message: `duplicate ${who} (first on line ${first})` });
      continue;
    }
    firstLineOfKey.set(row.key, line);
    rows.push(row);
  }
  if (problems.length > 0) throw new CampaignFileError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  return rows;
}

function lineOf(error: Error): number | null {
  const lines = (error as { lines?: unknown }).lines;
  return typeof lines === 'number' ? lines : null;
}

function readHeader(header: string[], problems: CsvProblem[]): string[] {
  const names = header.map((h) => columnOf(h.trim()) ?? h.trim());
  const unknown = header.filter((h) => columnOf(h.trim()) === undefined);
  if (unknown.length > 0) {
    problems.push({
      line: 1,
      message: `unknown column(s) ${unknown.map((u) => JSON.stringify(u)).join(', ')}; the columns are name, email (or E-mail), phone, refId, value, separated by commas, semicolons or tabs`,
    });
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) problems.push({ line: 1, message: `column ${JSON.stringify(name)} appears twice` });
    seen.add(name);
  }
  if (!seen.has('name')) problems.push({ line: 1, message: 'the header has no name column' });
  if (!seen.has('email') && !seen.has('phone')) {
    problems.push({ line: 1, message: 'the header has neither an email nor a phone column' });
  }
  return names;
}

function validateRow(
  record: RawRow,
  line: number,
  campaignName: string,
  params: CampaignParams,
  problems: CsvProblem[],
  contact: 'email' | 'phone',
): CampaignRow | null {
  const text = (column: string) => {
    const value = record[column]?.trim() ?? '';
    return value === '' ? undefined : value;
  };
  const name = text('name');
  const email = text('email');
  const phone = text('phone');
  const before = problems.length;
  const report = (message: string) => problems.push({ line, message });

  if (name === undefined) report('name is missing');
  if (contact === 'email' && email === undefined) report('email is missing');
  if (contact === 'phone' && phone === undefined) report('phone is missing');

  let valueMinor = params.valueMinor;
  const value = text('value');
  if (value !== undefined) {
    try {
      valueMinor = toMinorUnits(value, params.currency);
    } catch (error) {
      report(`value ${error instanceof HuurayValidationError ? (error.issues[0]?.message ?? '') : String(error)}`);
      valueMinor = undefined;
    }
  } else if (valueMinor === undefined) {
    report('value is missing and no campaign value was given');
  }

  const key = text('refId') ?? contactKey({ email, phone });
  const ref = campaignRefId(campaignName, key);
  if ('problem' in ref) report(ref.problem);
  if (problems.length > before || valueMinor === undefined || 'problem' in ref) return null;

  const recipient = {
    ...(name === undefined ? {} : { name }),
    ...(email === undefined ? {} : { email }),
    ...(phone === undefined ? {} : { phone }),
  };
  // The same schema send() applies, so a row that passes here is never refused by the client later.
  const checked = sendInput.safeParse({
    productToken: params.productToken,
    valueMinor,
    currency: params.currency,
    recipient,
    templateId: params.templateId,
    refId: ref.refId,
    ...(params.message === undefined ? {} : { message: params.message }),
  });
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const path = issue.path
        .map(String)
        .join('.')
        .replace(/^recipient\./, '');
      report(`${path === 'valueMinor' ? 'value' : path}: ${issue.message}`);
    }
    return null;
  }
  return { line, key, refId: ref.refId, recipient, valueMinor };
}
