import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readLeniently } from '../../src/core/lenient-reading.js';

describe('lenient reading of fields the facade does not act on', () => {
  const schema = z.object({
    Kind: z.enum(['Email', 'SMS']).optional(),
    Expires: z.iso.datetime().optional(),
    Count: z.int().max(2_147_483_647).optional(),
    Items: z.array(z.object({ Name: z.string() })).optional(),
  });
  const essential = z.object({ Id: z.number() });

  it('keeps an unknown enum value, a .NET date and a long as sent, drops the rest, and reports each', () => {
    const body = {
      Id: 1,
      Kind: 'WhatsApp',
      Expires: '/Date(1735689599000)/',
      Count: 3_000_000_000,
      Items: [1, { Name: 'a' }],
    };
    const read = readLeniently(schema, essential, body);
    expect(read.ok).toBe(true);
    expect(read.ok && read.data).toEqual({
      Id: 1,
      Kind: 'WhatsApp',
      Expires: '/Date(1735689599000)/',
      Count: 3_000_000_000,
      Items: [{ Name: 'a' }],
    });
    expect(read.issues.map((i) => [i.path, i.message.endsWith('(kept as sent)')])).toEqual([
      ['Kind', true],
      ['Expires', true],
      ['Count', true],
      ['Items.0', false],
    ]);
  });

  it('fails on an essential field whatever the rest looks like', () => {
    const read = readLeniently(schema, essential, { Id: 'x', Kind: 'Email' });
    expect(read).toMatchObject({ ok: false, issues: [{ path: 'Id' }] });
  });
});
