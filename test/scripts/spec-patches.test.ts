import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../scripts/spec/document.js';
import { vendoredSpecFile } from '../../scripts/spec/location.js';
import { normaliseSpec, PatchNoLongerAppliesError, SPEC_PATCHES, type SpecNode } from '../../scripts/spec-patches.js';

const published = parseSpecText(readFileSync(vendoredSpecFile(), 'utf8'));
const patch = (name: string) => {
  const found = SPEC_PATCHES.find((p) => p.name === name);
  if (!found) throw new Error(`no patch ${name}`);
  return found;
};

describe('spec normalisation', () => {
  it('names a reason for every patch', () => {
    for (const p of SPEC_PATCHES) expect(p.reason.length, p.name).toBeGreaterThan(40);
  });

  it('moves the signing headers into security and leaves the published document untouched', () => {
    const spec = normaliseSpec(published);
    const order = (spec.paths as Record<string, Record<string, SpecNode>>)['/v4/Order']?.post;
    expect(order?.parameters).toBeUndefined();
    expect(order?.security).toEqual([{ ApiToken: [], ApiNonce: [], ApiHash: [] }]);
    expect((order?.requestBody as SpecNode | undefined)?.required).toBe(true);
    expect(spec.servers).toEqual([{ url: 'https://api.huuray.com', description: 'Huuray production' }]);
    const rates = (spec.paths as Record<string, Record<string, SpecNode>>)['/v4/ExchangeRates']?.get;
    expect((rates?.parameters as { name: string }[] | undefined)?.map((p) => p.name)).toEqual([
      'FromCurrency',
      'ToCurrency',
    ]);
    expect(published.servers).toBeUndefined();
  });

  it.each(SPEC_PATCHES.map((p) => p.name))('fails loudly when %s no longer applies', (name) => {
    const once = structuredClone(published);
    patch(name).apply(once);
    expect(() => patch(name).apply(once)).toThrow(PatchNoLongerAppliesError);
  });

  it('fails loudly when an operation lost its signing header', () => {
    const spec = structuredClone(published) as { paths: Record<string, Record<string, { parameters: unknown[] }>> };
    const balance = spec.paths['/v4/Balance']?.get;
    if (!balance) throw new Error('fixture');
    balance.parameters = balance.parameters.slice(1);
    expect(() => normaliseSpec(spec as unknown as SpecNode)).toThrow(
      /GET \/v4\/Balance does not declare header X-API-NONCE/,
    );
  });
});
