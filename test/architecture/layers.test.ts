import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// DESIGN.md: imports point down only. generated/ <- src/core <- facade <- postgres <- campaign/cli; the sandbox
// is the client's counterpart and imports generated/ only. Checked on the source text, so a new file is covered.
// src/postgres/ is a layer of its own (the `huuray-client/postgres` entry point) because it alone may load
// the optional peer `pg`: nothing below it, the client entry included, may import it, or `pg` would become
// a dependency of everyone.
const root = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

type Layer = 'generated' | 'core' | 'facade' | 'entry' | 'postgres' | 'campaign' | 'cli' | 'sandbox' | 'external';

function layerOf(path: string): Layer {
  const rel = relative(root, path).replaceAll('\\', '/');
  if (rel === 'src/index.ts') return 'entry'; // the client entry: facade, core and generated, never campaign code
  if (rel.startsWith('generated/')) return 'generated';
  if (rel.startsWith('src/core/')) return 'core';
  if (rel.startsWith('src/campaign/')) return 'campaign';
  if (rel.startsWith('src/cli/')) return 'cli';
  if (rel.startsWith('src/sandbox/')) return 'sandbox';
  if (rel.startsWith('src/postgres/')) return 'postgres';
  if (rel.startsWith('src/')) return 'facade';
  return 'external';
}

const allowed: Record<Exclude<Layer, 'external'>, readonly Layer[]> = {
  generated: ['generated'],
  core: ['core', 'generated'],
  facade: ['facade', 'core', 'generated'],
  entry: ['facade', 'core', 'generated'],
  postgres: ['postgres', 'facade', 'core', 'generated'],
  campaign: ['campaign', 'facade', 'core', 'generated'],
  cli: ['cli', 'campaign', 'postgres', 'facade', 'core', 'generated', 'sandbox'],
  sandbox: ['sandbox', 'generated'],
};

function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

// Inside the facade floor (DESIGN.md): inputs and domain mapping at the bottom, order primitives (post
// one order, search) above them, the ledger beside them, workflows above those, Orders and the Huuray
// class on top; options and the context are shared by all. The send path then reads top to bottom:
// huuray.ts -> workflows/send.ts -> workflows/place-exactly-once.ts -> workflows/attempt-order.ts ->
// primitives/ -> core/transport.ts.
type Floor = 'shared' | 'inputs' | 'primitives' | 'ledger' | 'workflows' | 'top';

function floorOf(rel: string): Floor | null {
  if (!rel.startsWith('src/') || layerOf(join(root, rel)) !== 'facade') return null;
  const part = (rel.slice(4).split('/')[0] ?? '').replace(/\.[jt]s$/, '');
  if (['inputs', 'domain', 'money'].includes(part)) return 'inputs';
  if (part === 'primitives') return 'primitives';
  if (part === 'ledger') return 'ledger';
  if (part === 'workflows') return 'workflows';
  if (['options', 'context'].includes(part)) return 'shared';
  return 'top';
}

const floorAllowed: Record<Floor, readonly Floor[]> = {
  shared: ['shared', 'inputs', 'ledger'],
  inputs: ['inputs'],
  ledger: ['ledger', 'inputs'],
  primitives: ['primitives', 'inputs', 'shared'],
  workflows: ['workflows', 'primitives', 'ledger', 'inputs', 'shared'],
  top: ['top', 'workflows', 'primitives', 'ledger', 'inputs', 'shared'],
};

describe('imports run one way (DESIGN.md)', () => {
  it('inside the facade, primitives sit below workflows and workflows below Orders and Huuray', () => {
    const violations: string[] = [];
    for (const file of files(join(root, 'src'))) {
      const from = floorOf(relative(root, file).replaceAll('\\', '/'));
      if (from === null) continue;
      for (const specifier of imports(file)) {
        if (!specifier.startsWith('.')) continue;
        const to = floorOf(relative(root, resolve(dirname(file), specifier)).replaceAll('\\', '/'));
        if (to !== null && !floorAllowed[from].includes(to)) {
          violations.push(`${relative(root, file)} (${from}) imports ${specifier} (${to})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  const sources = [...files(join(root, 'src')), ...files(join(root, 'generated'))];

  it('finds the source files', () => {
    expect(sources.length).toBeGreaterThan(50);
  });

  it('no layer imports one above it, and the sandbox imports generated/ only', () => {
    const violations: string[] = [];
    for (const file of sources) {
      const from = layerOf(file) as Exclude<Layer, 'external'>;
      for (const specifier of imports(file)) {
        if (!specifier.startsWith('.')) continue;
        const to = layerOf(resolve(dirname(file), specifier));
        if (!allowed[from].includes(to))
          violations.push(`${relative(root, file)} (${from}) imports ${specifier} (${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the library needs only openapi-fetch and zod at run time; CLI packages stay in the CLI', () => {
    const outside: string[] = [];
    for (const file of sources) {
      const layer = layerOf(file);
      for (const specifier of imports(file)) {
        if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
        const pkg = specifier.startsWith('@')
          ? specifier.split('/').slice(0, 2).join('/')
          : (specifier.split('/')[0] ?? '');
        const library = ['openapi-fetch', 'zod'];
        const ok =
          layer === 'cli'
            ? [...library, 'commander', 'csv-parse', 'cli-progress', 'strip-ansi']
            : layer === 'postgres'
              ? [...library, 'pg']
              : layer === 'campaign'
                ? [...library, 'csv-parse']
                : library;
        if (!ok.includes(pkg)) outside.push(`${relative(root, file)} imports ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('the CLI loads the PostgreSQL entry only when a command needs it, so `pg` stays an optional peer', () => {
    const eager: string[] = [];
    for (const file of sources.filter((f) => layerOf(f) === 'cli')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^(?:import|export)\s(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
        if (layerOf(resolve(dirname(file), m[1] ?? '')) === 'postgres') eager.push(`${relative(root, file)}: ${m[1]}`);
      }
    }
    expect(eager).toEqual([]);
  });
});
