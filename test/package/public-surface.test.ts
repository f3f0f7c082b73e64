import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Each entry point's exports, values and types, pinned: adding or removing a public name must be a deliberate
// change of this list (and of the docs and CHANGELOG), never a side effect of a re-export.
const root = resolve(import.meta.dirname, '../..');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  typesVersions: Record<'*', Record<string, string[]>>;
};
const subpaths = Object.keys(pkg.exports).filter((subpath) => subpath !== './package.json');
const distName = (subpath: string) => (subpath === '.' ? 'index' : subpath.slice(2));
// package.json's exports are the list of entry points; tsdown.config.ts and typedoc.config.mjs read it the same way.
const entries: Record<string, string> = Object.fromEntries(
  subpaths.map((subpath) => [
    subpath === '.' ? 'huuray-client' : `huuray-client/${subpath.slice(2)}`,
    subpath === '.' ? 'src/index.ts' : `src/${subpath.slice(2)}/index.ts`,
  ]),
);

const expected: Record<string, string[]> = {
  'huuray-client': [
    'ApiErrorDetails',
    'AsyncOrder',
    'Balance',
    'CallOptions',
    'CancelResult',
    'ClaimResult',
    'ConflictDifference',
    'DEFAULT_BASE_URL',
    'DEFAULT_MAX_RESPONSE_BYTES',
    'DEFAULT_QUARANTINE_MS',
    'DEFAULT_RECONCILE',
    'DEFAULT_RETRY_POLICY',
    'DenominationRange',
    'ExchangeRate',
    'FALLBACK_MAX_RESPONSE_BYTES',
    'FindInput',
    'Huuray',
    'HuurayApiError',
    'HuurayAuthenticationError',
    'HuurayBadRequestError',
    'HuurayClient',
    'HuurayClientOptions',
    'HuurayConflictError',
    'HuurayConnectionError',
    'HuurayEnv',
    'HuurayError',
    'HuurayErrorOptions',
    'HuurayEvent',
    'HuurayIndeterminateOrderError',
    'HuurayLogger',
    'HuurayNotFoundError',
    'HuurayOptions',
    'HuurayPermissionDeniedError',
    'HuurayRateLimitError',
    'HuurayRedirectError',
    'HuurayResponseTooLargeError',
    'HuurayResponseValidationError',
    'HuurayServerError',
    'HuurayTimeoutError',
    'HuurayUnprocessableError',
    'HuurayValidationError',
    'InDoubtTiming',
    'IssueChunk',
    'IssueInput',
    'IssueOptions',
    'IssueResult',
    'Ledger',
    'LedgerEntry',
    'LedgerQuery',
    'LedgerReader',
    'LedgerState',
    'MAX_SYNC_QUANTITY',
    'MaxResponseBytes',
    'MemoryLedger',
    'MemoryLedgerOptions',
    'NonceFactory',
    'Order',
    'OrderInput',
    'Orders',
    'PlacedOrder',
    'Product',
    'ProductFilter',
    'Recipient',
    'RecipientInput',
    'ReconcileOptions',
    'ReconciliationReport',
    'ReconciliationRow',
    'ResendResult',
    'ResolveAction',
    'ResolveLedgerOptions',
    'ResolvedEntry',
    'ResolverClient',
    'RetryPolicy',
    'RevealOptions',
    'RewardIntent',
    'SendInput',
    'SendOptions',
    'Settlement',
    'SyncOrder',
    'Template',
    'ValidationIssue',
    'Voucher',
    'VoucherTarget',
    'components',
    'createHuurayClient',
    'currencyExponent',
    'decimalAmount',
    'filterProducts',
    'fingerprintIntent',
    'fitsDenomination',
    'formatMinor',
    'paths',
    'recipientsDigest',
    'reconciliationReport',
    'redact',
    'reportCsv',
    'reportJson',
    'resolveLedger',
    'toMinorUnits',
  ],
  'huuray-client/campaign': [
    'CampaignCounts',
    'CampaignFileError',
    'CampaignOptions',
    'CampaignParams',
    'CampaignProgress',
    'CampaignReport',
    'CampaignResult',
    'CampaignRow',
    'CsvProblem',
    'JournalHeader',
    'JournalRow',
    'JournalState',
    'ReportRow',
    'ReportState',
    'RowRecord',
    'RowState',
    'campaignRefId',
    'campaignReport',
    'checkDelivery',
    'parseRecipients',
    'readJournal',
    'runCampaign',
    'writeReportCsv',
  ],
  'huuray-client/sandbox': [
    'CURRENCY_EXPONENTS',
    'Charge',
    'ExchangeRate',
    'Fault',
    'FaultController',
    'FaultKind',
    'FaultOptions',
    'FaultRate',
    'MAX_CATALOGUE_SIZE',
    'MAX_SYNC_QUANTITY',
    'RequestLogEntry',
    'Sandbox',
    'SandboxAccount',
    'SandboxAccountOptions',
    'SandboxOptions',
    'SandboxOrder',
    'SandboxProduct',
    'SandboxRecipient',
    'SandboxState',
    'SandboxTemplate',
    'SandboxVoucher',
    'TEXTS',
    'convert',
    'orderCost',
    'startSandbox',
  ],
  'huuray-client/postgres': [
    'LedgerEvent',
    'LedgerTableOptions',
    'PgClient',
    'PgPool',
    'PgQueryable',
    'PostgresConnection',
    'PostgresLedger',
    'PostgresLedgerOptions',
    'migrate',
    'migrationSql',
    'postgresLedger',
  ],
};

function exportedNames(): Record<string, string[]> {
  const files = Object.values(entries).map((file) => resolve(root, file));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  return Object.fromEntries(
    Object.entries(entries).map(([name, file]) => {
      const source = program.getSourceFile(resolve(root, file));
      const symbol = source && checker.getSymbolAtLocation(source);
      if (!symbol) throw new Error(`no module symbol for ${file}`);
      return [
        name,
        checker
          .getExportsOfModule(symbol)
          .map((s) => s.name)
          .sort(),
      ];
    }),
  );
}

describe('public surface of each entry point', () => {
  const actual = exportedNames();

  it.each(Object.keys(entries))('%s exports exactly the pinned names', (entry) => {
    // A new entry point needs its list here: what it exports is a decision, not an accident.
    expect(expected[entry], `pin the exports of ${entry} in this test`).toBeDefined();
    expect(actual[entry]).toEqual([...(expected[entry] ?? [])].sort());
  });

  it.each(subpaths)('package.json maps %s to its ESM and CommonJS builds and types', (subpath) => {
    const name = distName(subpath);
    expect(pkg.exports[subpath]).toEqual({
      import: { types: `./dist/${name}.d.mts`, default: `./dist/${name}.mjs` },
      require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
    });
    // node10 resolution ignores `exports`; typesVersions gives it the subpath's types.
    if (subpath !== '.') expect(pkg.typesVersions['*'][name]).toEqual([`./dist/${name}.d.cts`]);
  });

  it('the client entry exports none of the internals that used to leak', () => {
    const client = actual['huuray-client'] ?? [];
    for (const internal of ['apiErrorFor', 'signingMiddleware', 'randomNonce', 'planChunks', 'runCampaign', 'RowEntry'])
      expect(client).not.toContain(internal);
  });
});

/** Every source file the client entry loads, following relative imports (type-only ones too: harmless). */
function clientEntryGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const queue = [resolve(root, 'src/index.ts')];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (graph.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    const specifiers = [
      ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((m) => m[1] ?? m[2] ?? '');
    graph.set(file, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
    }
  }
  return graph;
}

describe('the client entry is edge-safe', () => {
  it('imports no Node built-in and nothing of campaign, CLI or sandbox, anywhere in its graph', () => {
    const graph = clientEntryGraph();
    expect(graph.size).toBeGreaterThan(20);
    const offending = [...graph].flatMap(([file, specifiers]) => {
      const rel = relative(root, file);
      const bad = /^src\/(campaign|cli|sandbox)\//.test(rel) ? ['(file itself)'] : [];
      return [...bad, ...specifiers.filter((s) => s.startsWith('node:'))].map((s) => `${rel}: ${s}`);
    });
    expect(offending).toEqual([]);
  });
});
