import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The package as users get it: built once, packed, installed from the tarball into a fresh project, then
// type-checked by strict consumers and run on every runtime the README names. Steps run in order in one file so
// the build and the install happen once.
const root = resolve(import.meta.dirname, '../..');
const fixtures = join(import.meta.dirname, 'consumer');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const NODE_24 = '24.21.0';
const exec = promisify(execFile);
const LONG = 600_000; // builds and installs on a loaded 2-core machine; no assertion depends on time

let work: string;
let consumer: string;

async function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const { stdout } = await exec(file, args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** Node 24 from the npm package `node`, installed once into node_modules/.cache (from the npm cache after that). */
async function node24(): Promise<string> {
  const dir = join(root, 'node_modules', '.cache', `huuray-node-${NODE_24}`);
  const binary = join(dir, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(binary)) {
    mkdirSync(dir, { recursive: true });
    // its own package.json, or npm would walk up and install into this repository's node_modules
    writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `node@${NODE_24}`], dir);
  }
  return binary;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'huuray-consumer-'));
  await run('npm', ['run', 'build'], root);
  await run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], root);
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  consumer = join(work, 'consumer');
  cpSync(fixtures, consumer, { recursive: true });
  writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
  const typesNode = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies['@types/node'];
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, tarball), `@types/node@${typesNode}`],
    consumer,
  );
}, LONG);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const expected = { source: 'created', stored: 1, refusedBeforeSending: true, rows: 1 };

describe('the packed package in a fresh project', () => {
  it('ships dist/ only, no source maps and no tests', () => {
    const files = readdirSync(join(consumer, 'node_modules', 'huuray-client', 'dist'));
    expect(files).toEqual(expect.arrayContaining(['index.mjs', 'index.cjs', 'index.d.mts', 'index.d.cts', 'cli.mjs']));
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(existsSync(join(consumer, 'node_modules', 'huuray-client', 'src'))).toBe(false);
    expect(existsSync(join(consumer, 'node_modules', 'huuray-client', 'LICENSE'))).toBe(true);
    // zod and openapi-fetch are bundled into dist/, commander into the bin: their licenses travel with them.
    const notices = readFileSync(join(consumer, 'node_modules', 'huuray-client', 'THIRD-PARTY-LICENSES.md'), 'utf8');
    expect(notices).toContain('Copyright (c) 2025 Colin McDonnell');
    expect(notices).toContain('Copyright (c) 2023 Drew Powers');
    expect(notices).toContain('Copyright (c) 2011 TJ Holowaychuk');
  });

  it("carries zod's code in its own bundle (import time), while its declarations import the installed zod", () => {
    const dist = join(consumer, 'node_modules', 'huuray-client', 'dist');
    // dist/cli/ included: the bin's chunks.
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' });
    const zodAtRunTime = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']zod(?:\/[^"']*)?["']/;
    const code = files.filter((f) => /\.(?:mjs|cjs)$/.test(f));
    expect(code.filter((f) => zodAtRunTime.test(readFileSync(join(dist, f), 'utf8')))).toEqual([]);
    // zod's ~350 modules (every locale among them) are what made the import slow; only what is used is kept.
    expect(code.filter((f) => /Ungültige Eingabe/.test(readFileSync(join(dist, f), 'utf8')))).toEqual([]);
    const declarations =
      readFileSync(join(dist, 'index.d.mts'), 'utf8') + readFileSync(join(dist, 'index.d.cts'), 'utf8');
    const chunks = files.filter((f) => /\.d\.[mc]ts$/.test(f)).map((f) => readFileSync(join(dist, f), 'utf8'));
    expect(chunks.some((text) => /from ["']zod["']/.test(text))).toBe(true);
    expect(chunks.some((text) => /declare class \$ZodType|interface \$ZodTypeDef/.test(text))).toBe(false);
    expect(declarations).not.toContain('node_modules/zod');
  });

  // node16 checks typed.mts as ESM and typed.cts as CommonJS (TS1479 if require() met ESM-only types) in one program.
  it.each(['node16', 'bundler'])(
    'type-checks strict consumers with %s resolution',
    async (config) => {
      await expect(run(process.execPath, [bin('tsc'), '-p', `tsconfig.${config}.json`], consumer)).resolves.toBe('');
    },
    LONG,
  );

  it(
    'bundles the client entry for an edge runtime (esbuild --platform=neutral), without Node built-ins',
    async () => {
      const out = join(work, 'edge.bundle.mjs');
      await run(
        bin('esbuild'),
        ['edge.mjs', '--bundle', '--platform=neutral', '--format=esm', '--log-level=error', `--outfile=${out}`],
        consumer,
      );
      const bundle = readFileSync(out, 'utf8');
      // node:crypto appears only as a string handed to process.getBuiltinModule where it exists; never imported.
      expect(bundle).not.toMatch(/(?:\bfrom|\bimport|require\()\s*\(?\s*["']node:/);
      expect(bundle).not.toMatch(/^import\s/m); // everything bundled: nothing left for a Node resolver
      expect(bundle).not.toMatch(/csv-parse|startSandbox|runCampaign/);
      expect(bundle).toContain('X-API-HASH');
    },
    LONG,
  );

  it(
    'runs the ESM and the CommonJS consumer on Node 20',
    async () => {
      for (const file of ['smoke.mjs', 'smoke.cjs']) {
        expect(JSON.parse(await run(process.execPath, [file], consumer))).toEqual(expected);
      }
    },
    LONG,
  );

  it(
    `runs the ESM and the CommonJS consumer on Node ${NODE_24}`,
    async () => {
      const node = await node24();
      expect((await run(node, ['--version'], consumer)).trim()).toBe(`v${NODE_24}`);
      for (const file of ['smoke.mjs', 'smoke.cjs']) {
        expect(JSON.parse(await run(node, [file], consumer))).toEqual(expected);
      }
    },
    LONG,
  );

  it(
    'runs the ESM consumer on Bun',
    async () => {
      expect(JSON.parse(await run(bin('bun'), ['smoke.mjs'], consumer))).toEqual(expected);
    },
    LONG,
  );

  it(
    'runs the ESM consumer on Deno',
    async () => {
      const out = await run(bin('deno'), ['run', '--allow-all', '--quiet', 'smoke.mjs'], consumer, {
        DENO_NO_UPDATE_CHECK: '1',
      });
      expect(JSON.parse(out)).toEqual(expected);
    },
    LONG,
  );

  it(
    'installs the huuray command, which works against its in-process sandbox',
    async () => {
      const out = await run(join(consumer, 'node_modules', '.bin', 'huuray'), ['--sandbox', 'balance'], consumer);
      expect(out).toMatch(/DKK\s+DKK 100,000\.00\s+yes/);
    },
    LONG,
  );

  it(
    'huuray --help loads the bin and its own start-up chunks only, nothing from node_modules (no zod, no CSV code)',
    async () => {
      // test/cli/startup-imports.test.ts pins this on the source; here the bundle: a chunk layout that put an action's
      // code back on the start-up path would show up as zod, csv-parse or openapi-fetch in this list.
      const traceFile = join(work, 'help-modules.txt');
      const hooks = pathToFileURL(join(root, 'test/helpers/import-trace-hooks.mjs')).href;
      const registerHooks = `import { register } from 'node:module'; register(${JSON.stringify(hooks)}, { data: { traceFile: ${JSON.stringify(traceFile)} } });`;
      const dist = join(consumer, 'node_modules', 'huuray-client', 'dist');
      const installed = pathToFileURL(join(consumer, 'node_modules', 'huuray-client')).href;
      const hooked = ['--import', `data:text/javascript,${encodeURIComponent(registerHooks)}`];
      const out = await run(process.execPath, [...hooked, join(dist, 'cli.mjs'), '--help'], consumer);
      expect(out).toContain('Usage: huuray');
      const modules = readFileSync(traceFile, 'utf8').split('\n').filter(Boolean);
      expect(modules).toContain(`${installed}/dist/cli.mjs`);
      expect(modules.filter((url) => !url.startsWith('node:') && !url.startsWith(`${installed}/dist/cli`))).toEqual([]);
      // zod's code is bundled into dist/cli/ too (for the actions): the start-up files carry commander's only.
      const bundled = modules
        .filter((url) => url.startsWith(`${installed}/dist/cli`))
        .flatMap((url) => [
          ...readFileSync(fileURLToPath(url), 'utf8').matchAll(/^\/\/#region node_modules\/([^/]+)\//gm),
        ])
        .map((m) => m[1]);
      expect(new Set(bundled)).toEqual(new Set(['commander']));
    },
    LONG,
  );
});
