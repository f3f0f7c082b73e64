import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { HuurayValidationError } from '../core/errors/validation-error.js';
import { type JournalHeader, journalRecord, type RowEntry, type RowRecord } from './journal-records.js';

/** The latest record of each row, plus the value it was first sent with. */
export interface JournalRow {
  /** The row's RefID. */
  readonly refId: string;
  /** Its latest record. */
  readonly latest: RowRecord;
  /** From the row's last `pending` record: a resume with another value for this RefID is refused. */
  readonly valueMinor: number | undefined;
  /** Line of the row in the CSV file, from its `pending` record. */
  readonly line: number | undefined;
  /** When the row's last `pending` record was written (ms since the epoch): its order may have left then. */
  readonly pendingAt: number | undefined;
}

/** What a journal file says, read tolerantly: a last line cut short by a crash is ignored. */
export interface JournalState {
  /** The header, or `null` for an empty journal. */
  readonly header: JournalHeader | null;
  /** Each row's latest state, by RefID. */
  readonly rows: ReadonlyMap<string, JournalRow>;
  /** Bytes of whole records; anything after is a torn last write. */
  readonly validBytes: number;
}

const EMPTY: JournalState = { header: null, rows: new Map(), validBytes: 0 };

/** Reads a journal; an absent file is an empty journal. A corrupt record before the last line is an error. */
export function readJournal(path: string): JournalState {
  if (!existsSync(path)) return EMPTY;
  const text = readFileSync(path, 'utf8');
  const rows = new Map<string, JournalRow>();
  let header: JournalHeader | null = null;
  let offset = 0;
  let validBytes = 0;
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const isLast = index === lines.length - 1;
    const bytes = Buffer.byteLength(line, 'utf8') + (isLast ? 0 : 1);
    offset += bytes;
    if (line.trim() === '') {
      if (!isLast) validBytes = offset;
      continue;
    }
    const parsed = parseLine(line);
    if (parsed === null) {
      // Only the last line can be torn by a crash (each record is one write ending in a newline).
      if (isLast) break;
      throw new HuurayValidationError('campaign journal', [
        { path: `${path}:${index + 1}`, message: 'is not a journal record; the file was edited or corrupted' },
      ]);
    }
    if (isLast) break; // a record without its newline is a torn write: treat it as never written
    validBytes = offset;
    if (parsed.type === 'header') {
      header ??= parsed;
      continue;
    }
    const before = rows.get(parsed.refId);
    rows.set(parsed.refId, {
      refId: parsed.refId,
      latest: parsed,
      valueMinor: parsed.state === 'pending' ? parsed.valueMinor : before?.valueMinor,
      line: parsed.state === 'pending' ? parsed.line : before?.line,
      pendingAt: parsed.state === 'pending' ? Date.parse(parsed.at) : before?.pendingAt,
    });
  }
  return { header, rows, validBytes };
}

function parseLine(line: string) {
  try {
    const result = journalRecord.safeParse(JSON.parse(line));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/**
 * An append-only JSON-lines journal. Every record is one `write` followed by `fsync`, so whatever has
 * been journaled survives SIGKILL or a power cut, and a record is never half-present except as a torn
 * last line (which `readJournal` ignores and `open` cuts off).
 */
export class Journal {
  readonly path: string;
  #fd: number | null;

  private constructor(path: string, fd: number) {
    this.path = path;
    this.#fd = fd;
  }

  /** Opens `path` for appending, creating it (and its directory) with `header` if new. */
  static open(path: string, header: JournalHeader): { journal: Journal; state: JournalState } {
    mkdirSync(dirname(path), { recursive: true });
    const state = readJournal(path);
    const fd = openSync(path, 'a+');
    // A torn last line would glue itself to the next record; cut it off first.
    ftruncateSync(fd, state.validBytes);
    const journal = new Journal(path, fd);
    if (state.header === null) journal.#write(header);
    return { journal, state };
  }

  /** Appends one row record and waits for it to be on disk. */
  append(entry: RowEntry): void {
    this.#write({ type: 'row', ...entry, at: new Date().toISOString() });
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }

  #write(record: object): void {
    if (this.#fd === null) throw new Error(`journal ${this.path} is closed`);
    writeSync(this.#fd, `${JSON.stringify(record)}\n`);
    fsyncSync(this.#fd);
  }
}
