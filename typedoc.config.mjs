// @ts-check
import { readFileSync } from 'node:fs';
import { OptionDefaults } from 'typedoc';

// Every entry point of package.json's `exports` (see tsdown.config.ts for the naming pattern).
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const entryPoints = Object.keys(pkg.exports)
  .filter((subpath) => subpath !== './package.json')
  .map((subpath) => (subpath === '.' ? 'src/index.ts' : `src/${subpath.slice(2)}/index.ts`));

/**
 * `npm run docs`: the API reference of every entry point in docs/api (not committed). Validation is on and any
 * warning fails the run, so an undocumented export or a broken link cannot land.
 * @type {Partial<import('typedoc').TypeDocOptions>}
 */
const config = {
  name: 'huuray-client',
  entryPoints,
  tsconfig: 'tsconfig.build.json',
  out: 'docs/api', // not committed (.gitignore)
  readme: 'README.md',
  // Source links from package.json's repository rather than the clone's git remote: CI runs in a fresh
  // clone whose origin is a local path, which TypeDoc warns about (and warnings fail the run).
  disableGit: true,
  sourceLinkTemplate: `${String(pkg.repository?.url ?? pkg.homepage)
    .replace(/^git\+/, '')
    .replace(/\.git$/, '')}/blob/main/{path}#L{line}`,
  excludePrivate: true,
  excludeInternal: true,
  // openapi-typescript writes `@description` into generated/openapi.ts.
  blockTags: [...OptionDefaults.blockTags, '@description'],
  // The README shows a spec:update report as a markdown block.
  highlightLanguages: [...OptionDefaults.highlightLanguages, 'markdown'],
  // The spec's generated types are documented by their aliases in src/spec-types.ts; their thousands of nested,
  // machine-written members are the spec's to describe, not ours. The zod schemas behind the input types
  // (`OrderInput = z.input<typeof orderInput>`) are internal: the types are the documented surface.
  intentionallyNotExported: [
    'generated/openapi.ts:paths',
    'generated/openapi.ts:components',
    'generated/operations.ts:OperationName',
    'src/inputs/fields.ts:recipient',
    'src/inputs/order-input.ts:orderInput',
    'src/inputs/query-input.ts:findInput',
    'src/inputs/query-input.ts:voucherTarget',
    'src/workflows/issue.ts:issueInput',
    'src/workflows/send.ts:sendInput',
    'src/campaign/journal-records.ts:headerRecord',
    'src/campaign/journal-records.ts:rowRecord',
    'src/campaign/journal-records.ts:RowEntry',
  ],
  validation: { notExported: true, invalidLink: true, invalidPath: true, rewrittenLink: true, notDocumented: true },
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
};

export default config;
