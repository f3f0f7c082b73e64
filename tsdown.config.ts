import { defineConfig } from 'tsdown';

// One bundle per entry point, ESM and CommonJS, each with its own declarations (.d.ts for import, .d.cts for
// require). No source maps: the output is unminified, readable JavaScript, so stack traces point at code a
// reader can follow without shipping src/ (maps pointing at unshipped files are what this replaced).
const library = {
  index: 'src/index.ts',
  campaign: 'src/campaign/index.ts',
  sandbox: 'src/sandbox/index.ts',
};

const common = {
  entry: library,
  platform: 'node',
  target: 'node20',
  dts: { tsconfig: 'tsconfig.build.json' },
  tsconfig: 'tsconfig.build.json',
  sourcemap: false,
  clean: false, // npm run build empties dist/ first: the builds below run at once
  outDir: 'dist',
} as const;

export default defineConfig([
  { ...common, format: 'esm' },
  {
    ...common,
    format: 'cjs',
    // openapi-fetch is bundled into the CommonJS build only: in a "type": "module" package rolldown's CJS output
    // reads an external's default import in Node mode (__toESM(mod, 1)), so `createClient` became the module
    // object, not the function (rolldown/rolldown#10800, tsdown#1054). The consumer smoke test catches a relapse.
    deps: { alwaysBundle: ['openapi-fetch'] },
  },
  {
    // The `huuray` bin: ESM only (top-level await), no declarations.
    entry: { cli: 'src/cli/main.ts' },
    format: 'esm',
    platform: 'node',
    target: 'node20',
    dts: false,
    tsconfig: 'tsconfig.build.json',
    sourcemap: false,
    clean: false,
    outDir: 'dist',
  },
]);
