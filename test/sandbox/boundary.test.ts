import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sandboxDir = fileURLToPath(new URL('../../src/sandbox/', import.meta.url));
const generatedDir = fileURLToPath(new URL('../../generated/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function allowed(file: string, specifier: string): boolean {
  if (specifier.startsWith('node:') || specifier === 'zod') return true;
  if (!specifier.startsWith('.')) return false;
  const target = resolve(dirname(file), specifier);
  return target.startsWith(sandboxDir) || target.startsWith(generatedDir);
}

describe('sandbox import boundary', () => {
  it('imports only node built-ins, zod, generated/ and its own files, never the client', () => {
    const files = sources(sandboxDir);
    const offending = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bfrom '([^']+)'/g)]
        .map((match) => match[1] ?? '')
        .filter((specifier) => !allowed(file, specifier))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(files.length).toBeGreaterThan(10);
    expect(offending).toEqual([]);
    expect(allowed(join(sandboxDir, 'x.ts'), '../core/client.js')).toBe(false);
  });
});
