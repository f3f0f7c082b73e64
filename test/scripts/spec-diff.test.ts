import { describe, expect, it } from 'vitest';
import { diffSpecs, UnsupportedShapeError } from '../../scripts/spec/diff/index.js';
import { acceptSpec, formatOf, parseSpecText, SpecRefusedError } from '../../scripts/spec/document.js';
import { dryRunPatches } from '../../scripts/spec/patch-dry-run.js';
import { renderReport, reportFails } from '../../scripts/spec/report.js';
import type { SpecNode } from '../../scripts/spec-patches.js';
import { asNode, property, vendoredCopy, vendoredText, withOrderLookup, withUpload } from '../helpers/spec-copies.js';

const before = asNode(vendoredCopy());
const changesOf = (edit: (spec: ReturnType<typeof vendoredCopy>) => void) => {
  const after = vendoredCopy();
  edit(after);
  return diffSpecs(before, asNode(after)).map(({ severity, where, what }) => ({ severity, where, what }));
};

describe('the spec differ, on modified copies of the vendored spec', () => {
  it('finds no change between the document and itself as JSON', () => {
    const json = JSON.stringify(vendoredCopy(), null, 2);
    expect(formatOf(json)).toBe('json');
    expect(diffSpecs(before, parseSpecText(json))).toEqual([]);
  });

  it('reports an added operation with its path parameter as needing review', () => {
    expect(changesOf(withOrderLookup)).toEqual([
      {
        severity: 'needs review',
        where: 'GET /v4/Order/{orderUid}',
        what: 'operation added (path parameters: orderUid)',
      },
    ]);
  });

  it('reports an added response field that looks like a code, and a removed mapped field as breaking', () => {
    const changes = changesOf((spec) => {
      (spec.components.schemas.OrderVoucher as { properties: Record<string, unknown> }).properties.PIN = {
        type: 'string',
        nullable: true,
      };
      delete spec.components.schemas.CatalogueProduct?.properties.LogoFile;
    });
    expect(changes).toEqual([
      { severity: 'breaking', where: 'CatalogueProduct.LogoFile', what: 'field removed (was string) (response)' },
      {
        severity: 'needs review',
        where: 'OrderVoucher.PIN',
        what: 'field added: string — looks like a code or credential (response)',
      },
    ]);
  });

  it('classes a new required request field as breaking and an optional one as non-breaking', () => {
    const changes = changesOf((spec) => {
      const request = spec.components.schemas.OrderRequest;
      if (request === undefined) throw new Error('fixture');
      request.properties.PurchaseOrderFileToken = { type: 'string', nullable: true };
      request.properties.CustomerReference = { type: 'string' };
      request.required = [...(request.required ?? []), 'CustomerReference'];
    });
    expect(changes).toEqual([
      { severity: 'non-breaking', where: 'OrderRequest.PurchaseOrderFileToken', what: 'field added: string (request)' },
      {
        severity: 'breaking',
        where: 'OrderRequest.CustomerReference',
        what: 'field added: string, required (request)',
      },
    ]);
  });

  it('flags a money field turning into a double', () => {
    const changes = changesOf((spec) => {
      Object.assign(property(spec, 'OrderProduct', 'Value'), { type: 'number', format: 'double' });
    });
    expect(changes).toEqual([
      {
        severity: 'breaking',
        where: 'OrderProduct.Value',
        what: 'money field: type integer (int32) -> number (double) (request)',
      },
    ]);
  });

  it('flags a money field changing only its format as needing review, never as harmless', () => {
    const changes = changesOf((spec) => {
      property(spec, 'StockRequest', 'Value').format = 'int64';
    });
    expect(changes).toEqual([
      { severity: 'needs review', where: 'StockRequest.Value', what: 'money field: format int32 -> int64 (request)' },
    ]);
  });

  it('classes nullability changes of mapped response fields as breaking, both ways', () => {
    const changes = changesOf((spec) => {
      property(spec, 'BalanceItem', 'Balance').nullable = true;
      delete property(spec, 'OrderVoucher', 'Code').nullable;
      property(spec, 'CancelRequest', 'OrderUID').nullable = true;
    });
    expect(changes).toEqual([
      { severity: 'breaking', where: 'BalanceItem.Balance', what: 'money field: now nullable (response)' },
      { severity: 'non-breaking', where: 'CancelRequest.OrderUID', what: 'now nullable (request)' },
      { severity: 'breaking', where: 'OrderVoucher.Code', what: 'no longer nullable (response)' },
    ]);
  });

  it('classes a new closed enum on a response field as breaking', () => {
    const changes = changesOf((spec) => {
      property(spec, 'TemplateItem', 'Type').enum = ['Email', 'SMS'];
    });
    expect(changes).toEqual([
      { severity: 'breaking', where: 'TemplateItem.Type', what: 'now a closed enum [Email, SMS] (response)' },
    ]);
  });

  it('reports servers, parameters and security', () => {
    const changes = changesOf((spec) => {
      spec.servers = [{ url: 'https://api.huuray.com' }];
      const rates = spec.paths['/v4/ExchangeRates']?.get as { parameters: { name: string }[] } | undefined;
      if (rates === undefined) throw new Error('fixture');
      rates.parameters = rates.parameters.filter((p) => p.name !== 'ToCurrency');
      (spec.paths['/v4/Balance']?.get as { security: unknown }).security = [];
    });
    expect(changes).toEqual([
      { severity: 'breaking', where: 'GET /v4/Balance', what: 'security [{"ApiToken":[]}] -> []' },
      { severity: 'breaking', where: 'GET /v4/ExchangeRates query parameter ToCurrency', what: 'parameter removed' },
      { severity: 'needs review', where: 'servers', what: '[] -> [https://api.huuray.com]' },
    ]);
  });

  it('reads an inline multipart body (an upload) and diffs its fields', () => {
    expect(changesOf(withUpload)).toEqual([
      { severity: 'needs review', where: 'POST /v4/Upload', what: 'operation added' },
    ]);
    const withFile = asNode(withUpload(vendoredCopy()));
    const renamed = withUpload(vendoredCopy());
    const upload = renamed.paths['/v4/Upload']?.post as
      | { requestBody: { content: Record<string, { schema: SpecNode }> } }
      | undefined;
    const body = upload?.requestBody.content['multipart/form-data'];
    if (body === undefined) throw new Error('fixture');
    body.schema.properties = { Upload: { type: 'string', format: 'binary' } };
    expect(diffSpecs(withFile, asNode(renamed)).map((c) => `${c.severity}: ${c.where} ${c.what}`)).toEqual([
      'non-breaking: (inline POST /v4/Upload requestBody multipart/form-data).Upload field added: string (binary) (request)',
      'breaking: (inline POST /v4/Upload requestBody multipart/form-data).File field removed (was string (binary)) (request)',
    ]);
  });

  it('fails closed on a shape it does not model', () => {
    const after = vendoredCopy();
    property(after, 'OrderVoucher', 'Recipient').allOf = [{ $ref: '#/components/schemas/OrderRecipient' }];
    expect(() => diffSpecs(before, asNode(after))).toThrow(UnsupportedShapeError);
    expect(() => diffSpecs(before, asNode(after))).toThrow(/OrderVoucher\.Recipient: unknown keyword\(s\) allOf/);
  });
});

describe('accepting a document', () => {
  it('takes the vendored v4 3.0.x spec and fingerprints its bytes', () => {
    expect(acceptSpec(before, vendoredText)).toMatchObject({ openapi: '3.0.1', version: 'v4' });
    expect(acceptSpec(before, vendoredText).sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    [
      'info.version v4.1',
      (s: ReturnType<typeof vendoredCopy>) => (s.info.version = 'v4.1'),
      /info\.version is "v4\.1"/,
    ],
    ['openapi 3.1.0', (s: ReturnType<typeof vendoredCopy>) => (s.openapi = '3.1.0'), /openapi is "3\.1\.0"/],
  ])('refuses %s', (_, edit, message) => {
    const spec = vendoredCopy();
    edit(spec);
    expect(() => acceptSpec(asNode(spec), JSON.stringify(spec))).toThrow(SpecRefusedError);
    expect(() => acceptSpec(asNode(spec), JSON.stringify(spec))).toThrow(message);
  });
});

describe('patch dry run', () => {
  it('reports every patch at once: applies, no longer needed, no longer applies', () => {
    const spec = vendoredCopy();
    spec.servers = [{ url: 'https://api.huuray.com' }];
    const balance = spec.paths['/v4/Balance']?.get as { parameters: { name: string }[] };
    balance.parameters = balance.parameters.filter((p) => p.name !== 'X-API-HASH');
    expect(dryRunPatches(asNode(spec))).toEqual([
      {
        patch: 'servers',
        result: 'no longer needed',
        why: 'spec patch "servers" no longer applies: the spec now declares its own servers; review and drop this patch',
      },
      {
        patch: 'signing-headers-as-security',
        result: 'no longer applies',
        why: 'spec patch "signing-headers-as-security" no longer applies: GET /v4/Balance does not declare header X-API-HASH once',
      },
      { patch: 'required-request-bodies', result: 'applies' },
      { patch: 'int64-as-safe-integer', result: 'applies' },
    ]);
  });
});

describe('the report', () => {
  it('lists changes by class, the patches and a checklist driven by the diff, and fails on breaking', () => {
    const after = withOrderLookup(vendoredCopy());
    (after.components.schemas.SearchVoucher as { properties: Record<string, unknown> }).properties.PIN = {
      type: 'string',
    };
    property(after, 'OrderProduct', 'Value').type = 'number';
    const identity = acceptSpec(before, vendoredText);
    const report = {
      before: identity,
      after: { ...identity, sha256: 'f'.repeat(64) },
      changes: diffSpecs(before, asNode(after)),
      patches: dryRunPatches(asNode(after)),
      checks: [],
    };
    const markdown = renderReport(report);
    expect(reportFails(report)).toBe(true);
    expect(markdown).toContain('**1 breaking, 2 needs review, 0 non-breaking**');
    expect(markdown).toContain(
      '| breaking | `OrderProduct.Value` | money field: type integer (int32) -> number (int32) (request) |',
    );
    expect(markdown).toMatch(/- \[ \] `redact\(\)`: .*`SearchVoucher.PIN`/);
    expect(markdown).toMatch(/- \[ \] Money: .*`OrderProduct.Value`/);
    expect(markdown).toMatch(/- \[ \] Contract call: .*`GET \/v4\/Order\/\{orderUid\}`/);
    expect(markdown).toMatch(/- \[ \] CLI: .*`GET \/v4\/Order\/\{orderUid\}`/);
    expect(markdown).toContain('| servers | applies |  |');
  });

  it('says the diff is incomplete, and fails, when the differ met a shape it does not model', () => {
    const identity = acceptSpec(before, vendoredText);
    const after = vendoredCopy();
    property(after, 'OrderVoucher', 'Recipient').oneOf = [{ $ref: '#/components/schemas/OrderRecipient' }];
    let unsupported = '';
    try {
      diffSpecs(before, asNode(after));
    } catch (error) {
      if (!(error instanceof UnsupportedShapeError)) throw error;
      unsupported = error.message;
    }
    const report = {
      before: identity,
      after: identity,
      changes: [],
      patches: dryRunPatches(before),
      checks: [],
      unsupported,
    };
    expect(reportFails(report)).toBe(true);
    expect(renderReport(report)).toContain(
      '> **Diff incomplete:** the spec differ does not understand OrderVoucher.Recipient: unknown keyword(s) oneOf; review this change by hand',
    );
  });

  it('passes when nothing changed', () => {
    const identity = acceptSpec(before, vendoredText);
    const report = { before: identity, after: identity, changes: [], patches: dryRunPatches(before), checks: [] };
    expect(reportFails(report)).toBe(false);
    expect(renderReport(report)).toContain('No API change.');
  });
});
