// @ts-check
import { OptionDefaults } from 'typedoc';

/**
 * `npm run docs`: the API reference of every entry point in docs/api (not committed). Validation is on and any
 * warning fails the run, so an undocumented export or a broken link cannot land.
 * @type {Partial<import('typedoc').TypeDocOptions>}
 */
const config = {
  name: 'huuray-client',
  entryPoints: ['src/index.ts', 'src/campaign/index.ts', 'src/sandbox/index.ts'],
  tsconfig: 'tsconfig.build.json',
  out: 'docs/api',
  readme: 'README.md',
  excludePrivate: true,
  excludeInternal: true,
  // openapi-typescript writes `@description` into generated/openapi.ts.
  blockTags: [...OptionDefaults.blockTags, '@description'],
  // The spec's generated types are documented by their aliases in src/spec-types.ts; their thousands of nested,
  // machine-written members are the spec's to describe, not ours.
  intentionallyNotExported: ['SpecPaths', 'SpecComponents'],
  validation: { notExported: true, invalidLink: true, invalidPath: true, rewrittenLink: true, notDocumented: true },
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
};

export default config;
