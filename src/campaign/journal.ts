import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { HuurayValidationError } from '../core/errors/validation-error.js';
import { GroupCommit } from './group-commit.js';
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
      // Only the last line can be torn by a crash (a batch is whole lines; only its tail can be cut).
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
 * An append-only JSON-lines journal. Records are committed in groups (see `GroupCommit`): a record
 * appended while another batch is being written and synced goes into the next batch, one `write` and
 * one `fdatasync` for all of them. `append` resolves only once its record is on disk, so whatever has
 * been journaled survives SIGKILL or a power cut, and a record is never half-present except in a torn
 * tail of the last batch, whose cut-off last line `readJournal` ignores and `open` cuts off. Records
 * of one batch are whole lines in the order they were appended.
 */
export class Journal {
  readonly path: string;
  #fd: number | null;
  readonly #commits: GroupCommit;

  private constructor(path: string, fd: number) {
    this.path = path;
    this.#fd = fd;
    this.#commits = new GroupCommit(fd);
  }

  /** Opens `path` for appending, creating it (and its directory) with `header` if new. */
  static open(path: string, header: JournalHeader): { journal: Journal; state: JournalState } {
    mkdirSync(dirname(path), { recursive: true });
    const state = readJournal(path);
    const created = !existsSync(path);
    const fd = openSync(path, 'a+');
    // A torn last line would glue itself to the next record; cut it off first.
    ftruncateSync(fd, state.validBytes);
    if (state.header === null) {
      writeSync(fd, `${JSON.stringify(header)}\n`);
      fsyncSync(fd);
    }
    // A new file's name lives in its directory: without syncing that, a power cut can lose the whole file.
    if (created) syncDirectory(dirname(path));
    return { journal: new Journal(path, fd), state };
  }

  /** Appends one row record; resolves once it is on disk. */
  append(entry: RowEntry): Promise<void> {
    if (this.#fd === null) return Promise.reject(new Error(`journal ${this.path} is closed`));
    return this.#commits.append(`${JSON.stringify({ type: 'row', ...entry, at: new Date().toISOString() })}\n`);
  }

  /** Batches synced so far, one `fdatasync` each. */
  get syncs(): number {
    return this.#commits.syncs;
  }

  /** Waits for appends in progress to be on disk (or to fail), then closes the file. */
  async close(): Promise<void> {
    const fd = this.#fd;
    if (fd === null) return;
    this.#fd = null;
    await this.#commits.idle();
    closeSync(fd);
  }
}

/** Makes a new entry of `dir` durable; where a directory cannot be synced that is left to the OS. */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return; // directories cannot be opened for syncing there
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR') throw error;
  } finally {
    closeSync(fd);
  }
}
