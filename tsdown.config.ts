import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsdown';

// One bundle per entry point, ESM and CommonJS, each with its own declarations (.d.mts for import, .d.cts for
// require). No source maps: the output is unminified, readable JavaScript, so stack traces point at code a
// reader can follow without shipping src/ (maps pointing at unshipped files are what this replaced).
//
// The entry points are read from package.json's `exports`, so adding one (`./postgres`) is one change there: the
// subpath `./name` is built from `src/name/index.ts` into `dist/name.*`, the root `.` from `src/index.ts` into
// `dist/index.*`. test/package/public-surface.test.ts checks exports and typesVersions follow that pattern.
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, unknown>;
};
const library = Object.fromEntries(
  Object.keys(pkg.exports)
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) =>
      subpath === '.' ? ['index', 'src/index.ts'] : [subpath.slice(2), `src/${subpath.slice(2)}/index.ts`],
    ),
);

/**
 * zod's code is bundled into the library (tree-shaken); its types are not. Loaded from node_modules, zod is
 * ~350 ES modules (every locale among them) and took ~70 ms of a ~95 ms `import('huuray-client')`;
 * bundled, the part the schemas use loads in a fraction of that. The declarations keep `import ... from
 * 'zod'` (zod stays a dependency for them): inlining zod's types would copy ~200 declarations into ours.
 * The declaration build asks with a `.d.ts` importer, the code build with the source file.
 */
function bundleZodCode(id: string, importer: string | undefined): boolean | undefined {
  if (!/^zod(\/|$)/.test(id)) return undefined;
  return importer === undefined || !importer.endsWith('.d.ts');
}

const common = {
  entry: library,
  platform: 'node',
  target: 'node20',
  dts: { tsconfig: 'tsconfig.build.json' },
  tsconfig: 'tsconfig.build.json',
  sourcemap: false,
  clean: false, // npm run build empties dist/ first: the builds below run at once
  outDir: 'dist',
  // Nothing from node_modules may be bundled unless listed: a dependency inlined by accident fails the build.
  deps: { onlyBundle: [] as string[] },
} as const;

export default defineConfig([
  { ...common, format: 'esm', deps: { alwaysBundle: bundleZodCode, onlyBundle: ['zod'] } },
  {
    ...common,
    format: 'cjs',
    // openapi-fetch is bundled into the CommonJS build only: in a "type": "module" package rolldown's CJS output
    // reads an external's default import in Node mode (__toESM(mod, 1)), so `createClient` became the module
    // object, not the function (rolldown/rolldown#10800, tsdown#1054). The consumer smoke test catches a relapse.
    // Its declarations bring openapi-typescript-helpers into the .d.cts files.
    deps: {
      alwaysBundle: (id: string, importer: string | undefined) => id === 'openapi-fetch' || bundleZodCode(id, importer),
      onlyBundle: ['openapi-fetch', 'openapi-typescript-helpers', 'zod'],
    },
  },
  {
    // The `huuray` bin: ESM only (top-level await), no declarations. Each command's action is a dynamic import
    // (src/cli/lazy-action.ts), so rolldown splits the bin into chunks; they go to dist/cli/, apart from the
    // library's. `huuray --help` then loads dist/cli.mjs and a few small chunks, never zod or the facade.
    entry: { cli: 'src/cli/main.ts' },
    format: 'esm',
    platform: 'node',
    target: 'node20',
    dts: false,
    tsconfig: 'tsconfig.build.json',
    sourcemap: false,
    clean: false,
    outDir: 'dist',
    outputOptions: { chunkFileNames: 'cli/[name]-[hash].mjs' },
    // commander (a devDependency for that reason) is bundled into the bin: Node imports the CommonJS package from
    // ESM through its CJS loader and export lexer, one file at a time, which cost about 10 ms of every start
    // (1.49x bare node for --help against 1.37x bundled, issue 14). zod's code is bundled as in the library; only
    // actions load it.
    deps: {
      alwaysBundle: (id: string, importer: string | undefined) => id === 'commander' || bundleZodCode(id, importer),
      onlyBundle: ['commander', 'zod'],
    },
  },
]);
