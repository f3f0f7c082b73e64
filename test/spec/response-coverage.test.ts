import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { responseFieldGaps } from '../../scripts/spec/coverage.js';
import { parseSpecText } from '../../scripts/spec/document.js';
import { vendoredSpecFile } from '../../scripts/spec/location.js';
import type { SpecNode } from '../../scripts/spec-patches.js';
import { redact } from '../../src/core/redact.js';
import { RESPONSE_FIELDS } from '../../src/core/wire-fields.js';
import { facadeSources } from '../helpers/facade-sources.js';

const published = parseSpecText(readFileSync(vendoredSpecFile(), 'utf8'));
const facadeText = facadeSources.join('\n');

type Schemas = { components: { schemas: Record<string, { properties: Record<string, SpecNode> }> } };

describe('every response field is mapped by the facade or deliberately ignored', () => {
  it('classifies every response field of the vendored spec, and nothing else', () => {
    expect(responseFieldGaps(published)).toEqual([]);
  });

  it('fails for a new voucher field nobody classified (a PIN)', () => {
    const spec = structuredClone(published) as unknown as Schemas;
    const voucher = spec.components.schemas.OrderVoucher;
    if (voucher === undefined) throw new Error('fixture: no OrderVoucher');
    voucher.properties.PIN = { type: 'string', nullable: true };
    expect(responseFieldGaps(spec as unknown as SpecNode)).toEqual([
      'OrderVoucher.PIN: not classified (mapped, secret or ignored)',
    ]);
  });

  it('fails for a classified field the spec dropped', () => {
    const spec = structuredClone(published) as unknown as Schemas;
    delete spec.components.schemas.TemplateItem?.properties.Sender;
    expect(responseFieldGaps(spec as unknown as SpecNode)).toEqual([
      'TemplateItem.Sender: classified but not in the spec',
    ]);
  });

  it('reads every field it calls mapped or secret somewhere in the facade', () => {
    const unread = Object.entries(RESPONSE_FIELDS).flatMap(([schema, fields]) =>
      Object.entries(fields)
        .filter(
          ([field, use]) =>
            use !== 'ignored' && !new RegExp(`(\\.${field}\\b|[{,]\\s*${field}\\s*[,}])`).test(facadeText),
        )
        .map(([field]) => `${schema}.${field}`),
    );
    expect(unread).toEqual([]);
  });

  it('redact() removes every secret field, in both spellings, and keeps the rest', () => {
    const secrets = Object.values(RESPONSE_FIELDS).flatMap((fields) =>
      Object.entries(fields)
        .filter(([, use]) => use === 'secret')
        .map(([field]) => field),
    );
    expect(new Set(secrets)).toEqual(new Set(['Code', 'CVV', 'RedeemLink']));
    const wire = { OrderUID: 'o-1', Vouchers: [{ ID: 1, Code: 'c', CVV: 'v', RedeemLink: 'l', Expires: 'e' }] };
    const facade = { orderUid: 'o-1', vouchers: [{ id: 1, code: 'c', cvv: 'v', redeemLink: 'l', expires: 'e' }] };
    expect(redact(wire)).toEqual({ OrderUID: 'o-1', Vouchers: [{ ID: 1, Expires: 'e' }] });
    expect(redact(facade)).toEqual({ orderUid: 'o-1', vouchers: [{ id: 1, expires: 'e' }] });
  });
});
