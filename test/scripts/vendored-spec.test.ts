import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, vendoredSpecFile } from '../../scripts/spec/location.js';

// The reference is the spec as the project received it. `npm run spec:update` replaces the vendored
// file on purpose, so this test is not one of its spec-sensitive checks; refresh the reference with it.
const reference = join(REPO_ROOT, '../shared/spec', basename(vendoredSpecFile()));

describe('the vendored spec', () => {
  it('is byte for byte the document Huuray published', () => {
    const vendored = readFileSync(vendoredSpecFile());
    const published = readFileSync(reference);
    // A line diff of the text first (vitest prints it unified), with line ends made visible; then the
    // bytes, for what text cannot show (a BOM, an encoding change).
    const visible = (bytes: Buffer) => bytes.toString('utf8').replaceAll('\r', '\\r');
    expect(visible(vendored)).toBe(visible(published));
    expect(Buffer.compare(vendored, published)).toBe(0);
  });
});
