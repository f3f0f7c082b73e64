import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// DESIGN.md: imports point down only. generated/ <- src/core <- facade <- campaign/cli; the sandbox is the
// client's counterpart and imports generated/ only. Checked on the source text, so a new file is covered.
const root = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

type Layer = 'generated' | 'core' | 'facade' | 'entry' | 'campaign' | 'cli' | 'sandbox' | 'external';

function layerOf(path: string): Layer {
  const rel = relative(root, path).replaceAll('\\', '/');
  if (rel === 'src/index.ts') return 'entry'; // the package root re-exports every library layer
  if (rel.startsWith('generated/')) return 'generated';
  if (rel.startsWith('src/core/')) return 'core';
  if (rel.startsWith('src/campaign/')) return 'campaign';
  if (rel.startsWith('src/cli/')) return 'cli';
  if (rel.startsWith('src/sandbox/')) return 'sandbox';
  if (rel.startsWith('src/')) return 'facade';
  return 'external';
}

const allowed: Record<Exclude<Layer, 'external'>, readonly Layer[]> = {
  generated: ['generated'],
  core: ['core', 'generated'],
  facade: ['facade', 'core', 'generated'],
  entry: ['facade', 'core', 'generated', 'campaign'],
  campaign: ['campaign', 'facade', 'core', 'generated'],
  cli: ['cli', 'campaign', 'facade', 'core', 'generated', 'sandbox'],
  sandbox: ['sandbox', 'generated'],
};

function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

describe('imports run one way (DESIGN.md)', () => {
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
            : layer === 'campaign'
              ? [...library, 'csv-parse']
              : library;
        if (!ok.includes(pkg)) outside.push(`${relative(root, file)} imports ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
