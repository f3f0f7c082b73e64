import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/campaign/group-commit.js';
import { readJournal } from '../../src/campaign/index.js';
import { Journal } from '../../src/campaign/journal.js';
import type { RowEntry } from '../../src/campaign/journal-records.js';
import { campaignHeader } from '../../src/campaign/plan.js';

const header = campaignHeader('gc', { productToken: 'prod_abc', currency: 'DKK', valueMinor: 5000, templateId: 12 });
const journalIn = () => join(mkdtempSync(join(tmpdir(), 'huuray-group-')), 'gc.jsonl');
const pending = (i: number): RowEntry => ({ state: 'pending', refId: `gc-r${i}`, line: i + 2, valueMinor: 5000 });
const done = (i: number): RowEntry => ({
  state: 'done',
  refId: `gc-r${i}`,
  orderUid: `ord-${i}`,
  source: 'created',
  voucherIds: [i],
});

describe('journal group commit', () => {
  it('commits concurrent appends in fewer syncs than records, every record whole and each row pending before done', async () => {
    const path = journalIn();
    const { journal } = Journal.open(path, header);
    const workers = 32;
    const perWorker = 10;
    // Each worker journals a row pending, "sends" it (a turn of the event loop), journals it done: as runCampaign does.
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        for (let k = 0; k < perWorker; k++) {
          const i = w * perWorker + k;
          await journal.append(pending(i));
          await new Promise((resolve) => setImmediate(resolve));
          await journal.append(done(i));
        }
      }),
    );
    const syncs = journal.syncs;
    await journal.close();

    const records = workers * perWorker * 2;
    expect(syncs).toBeGreaterThan(0);
    expect(syncs).toBeLessThan(records / 4);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    const parsed = lines.slice(1, -1).map((line) => JSON.parse(line) as { refId: string; state: string });
    expect(parsed).toHaveLength(records);
    for (let i = 0; i < workers * perWorker; i++) {
      const states = parsed.filter((r) => r.refId === `gc-r${i}`).map((r) => r.state);
      expect(states).toEqual(['pending', 'done']);
    }
    const state = readJournal(path);
    expect(state.rows.size).toBe(workers * perWorker);
    expect([...state.rows.values()].every((r) => r.latest.state === 'done')).toBe(true);
  });

  it('fails every waiting and every later append once a batch cannot be written', async () => {
    const path = journalIn();
    writeFileSync(path, '');
    const fd = openSync(path, 'r'); // not writable: the write of the first batch fails
    try {
      const commits = new GroupCommit(fd);
      const first = Array.from({ length: 5 }, (_, i) => commits.append(`{"n":${i}}\n`));
      const outcomes = await Promise.allSettled(first);
      expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
      await expect(commits.append('{"n":5}\n')).rejects.toMatchObject({ code: 'EBADF' });
      expect(commits.syncs).toBe(0);
      expect(readFileSync(path, 'utf8')).toBe('');
    } finally {
      closeSync(fd);
    }
  });

  it('a batch cut anywhere by a crash reads as its whole records, and the journal resumes after them', async () => {
    // What a batch leaves on disk when the process dies during its write: any prefix of its bytes.
    const path = journalIn();
    const { journal } = Journal.open(path, header);
    const count = 12;
    await Promise.all(Array.from({ length: count }, (_, i) => journal.append(pending(i))));
    await journal.close();
    const full = readFileSync(path);
    const headerBytes = full.indexOf('\n') + 1;
    const recordEnds: number[] = [];
    for (let at = headerBytes; at < full.length; at++) if (full[at] === 0x0a) recordEnds.push(at + 1);

    fc.assert(
      fc.property(fc.integer({ min: headerBytes, max: full.length }), (cut) => {
        const torn = journalIn();
        writeFileSync(torn, full.subarray(0, cut));
        const state = readJournal(torn);
        const whole = recordEnds.filter((end) => end <= cut).length;
        expect(state.rows.size).toBe(whole);
        expect(state.validBytes).toBe(whole === 0 ? headerBytes : recordEnds[whole - 1]);
        for (let i = 0; i < whole; i++) expect(state.rows.has(`gc-r${i}`)).toBe(true);
      }),
      { numRuns: 60 },
    );

    // Reopening cuts the torn tail; the next batch starts on a line of its own.
    const cut = Math.floor((recordEnds[4] as number) + 7);
    const torn = journalIn();
    writeFileSync(torn, full.subarray(0, cut));
    const reopened = Journal.open(torn, header);
    expect(reopened.state.rows.size).toBe(5);
    await Promise.all([reopened.journal.append(done(0)), reopened.journal.append(pending(5))]);
    await reopened.journal.close();
    const after = readJournal(torn);
    expect(after.rows.get('gc-r0')?.latest.state).toBe('done');
    expect(after.rows.get('gc-r5')?.latest.state).toBe('pending');
    expect(readFileSync(torn, 'utf8').endsWith('\n')).toBe(true);
  });

  it('refuses appends once closed and waits for a batch in progress before closing', async () => {
    const path = journalIn();
    const { journal } = Journal.open(path, header);
    const inFlight = journal.append(pending(0));
    const closing = journal.close();
    await expect(journal.append(pending(1))).rejects.toThrow(/closed/);
    await inFlight;
    await closing;
    expect(readJournal(path).rows.get('gc-r0')?.latest.state).toBe('pending');
  });
});
