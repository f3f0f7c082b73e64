import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/campaign/index.js';
import { Journal } from '../../src/campaign/journal.js';
import { lockJournal } from '../../src/campaign/lock.js';
import { campaignHeader, planCampaign } from '../../src/campaign/plan.js';

const params = { productToken: 'prod_abc', currency: 'DKK', valueMinor: 5000, templateId: 12 };
const header = campaignHeader('c1', params);
const dir = () => mkdtempSync(join(tmpdir(), 'huuray-journal-'));

describe('journal', () => {
  it('appends records, keeps the latest state per RefID and survives a torn last line', async () => {
    const path = join(dir(), 'nested', 'c1.jsonl');
    const { journal } = Journal.open(path, header);
    await journal.append({ state: 'pending', refId: 'c1-a', line: 2, valueMinor: 5000 });
    await journal.append({ state: 'done', refId: 'c1-a', orderUid: 'ord-1', source: 'created', voucherIds: [1] });
    await journal.append({ state: 'pending', refId: 'c1-b', line: 3, valueMinor: 5000 });
    await journal.close();
    appendFileSync(path, '{"type":"row","state":"done","refId":"c1-b","ord'); // killed mid-write

    const state = readJournal(path);
    expect(state.header).toMatchObject({ name: 'c1', productToken: 'prod_abc' });
    expect(state.rows.get('c1-a')?.latest.state).toBe('done');
    expect(state.rows.get('c1-b')).toMatchObject({ latest: { state: 'pending' }, valueMinor: 5000, line: 3 });

    // Reopening cuts the torn line so the next record starts on a line of its own.
    const reopened = Journal.open(path, header);
    await reopened.journal.append({
      state: 'done',
      refId: 'c1-b',
      orderUid: 'ord-2',
      source: 'existing',
      voucherIds: [],
    });
    await reopened.journal.close();
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(5);
    expect(readJournal(path).rows.get('c1-b')?.latest).toMatchObject({ state: 'done', orderUid: 'ord-2' });
  });

  it('refuses a journal corrupted before its last line', () => {
    const path = join(dir(), 'c1.jsonl');
    writeFileSync(path, `${JSON.stringify(header)}\nnot json\n{}\n`);
    expect(() => readJournal(path)).toThrow(/corrupted/);
  });

  it('refuses to resume with other parameters or another value for a row already sent', async () => {
    const path = join(dir(), 'c1.jsonl');
    const { journal, state: empty } = Journal.open(path, header);
    expect(empty.header).toBeNull();
    await journal.append({ state: 'pending', refId: 'c1-a', line: 2, valueMinor: 5000 });
    await journal.close();
    const state = readJournal(path);
    const row = { line: 2, key: 'a', refId: 'c1-a', recipient: { email: 'a@example.com' }, valueMinor: 5000 };
    expect(planCampaign([row], state, header).toSend).toHaveLength(1);
    expect(() => planCampaign([row], state, campaignHeader('c1', { ...params, templateId: 13 }))).toThrow(/template/);
    expect(() => planCampaign([row], state, campaignHeader('c1', { ...params, productToken: 'other' }))).toThrow(
      /product/,
    );
    expect(() => planCampaign([{ ...row, valueMinor: 7000 }], state, header)).toThrow(/already sent with 5000/);
  });

  it('refuses a second run of one journal in this process, even though the lock file names our own PID', () => {
    const path = join(dir(), 'c1.jsonl');
    const release = lockJournal(path);
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(String(process.pid));
    expect(() => lockJournal(path)).toThrow(/in use by another run in this process/);
    release();
    lockJournal(path)(); // free again once released
  });

  it('refuses a live holder in another process and takes over a dead one, or our PID held by no run here', () => {
    const path = join(dir(), 'c1.jsonl');
    writeFileSync(`${path}.lock`, '1'); // pid 1 is alive and is not us
    expect(() => lockJournal(path)).toThrow(/in use by process 1/);
    writeFileSync(`${path}.lock`, '999999999'); // no such process: a killed run
    lockJournal(path)();
    writeFileSync(`${path}.lock`, String(process.pid)); // our PID reused after a restart: no run here holds it
    lockJournal(path)();
  });
});
