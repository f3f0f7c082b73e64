import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { vendoredSpecPath } from '../../scripts/spec/location.js';

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function rootWith(...files: string[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'huuray-spec-location-'));
  roots.push(root);
  await mkdir(join(root, 'openapi'));
  for (const file of files) await writeFile(join(root, file), '{}');
  return root;
}

describe('the one vendored spec path', () => {
  it('is the YAML or the JSON file, whichever is there', async () => {
    expect(vendoredSpecPath(await rootWith('openapi/huuray-v4.yaml'))).toBe('openapi/huuray-v4.yaml');
    expect(vendoredSpecPath(await rootWith('openapi/huuray-v4.json'))).toBe('openapi/huuray-v4.json');
  });

  it('refuses to guess when both or neither exist', async () => {
    await expect(async () =>
      vendoredSpecPath(await rootWith('openapi/huuray-v4.yaml', 'openapi/huuray-v4.json')),
    ).rejects.toThrow(/found openapi\/huuray-v4.yaml and openapi\/huuray-v4.json/);
    await expect(async () => vendoredSpecPath(await rootWith())).rejects.toThrow(/found none/);
  });
});
