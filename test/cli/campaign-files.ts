import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRODUCT, TEMPLATE } from './cli-account.js';

/** A fresh working directory for a campaign (its `.huuray/` journal lands here). */
export function campaignDir(): string {
  return mkdtempSync(join(tmpdir(), 'huuray-cli-campaign-'));
}

/** Writes `recipients.csv` with `count` valid rows and returns its path. */
export function writeRecipients(dir: string, count: number, name = 'recipients.csv'): string {
  const lines = ['name,email,phone', ...Array.from({ length: count }, (_, i) => `Person ${i},p${i}@example.com,`)];
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** The arguments of `campaign run` for the CLI test account's product. */
export function runArgs(file: string, name: string, ...extra: string[]): string[] {
  return [
    'campaign',
    'run',
    file,
    '--name',
    name,
    '--product',
    PRODUCT,
    '--value',
    '50.00',
    '--currency',
    'DKK',
    '--template',
    TEMPLATE,
    ...extra,
  ];
}

/** A deterministic PRNG (mulberry32) so "random" kill points are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
