/**
 * `npm run check:package`: lints the package as it would be published. publint checks package.json against
 * the files shipped; @arethetypeswrong/cli checks that types and code resolve alike under every profile
 * (node10, node16 from CJS, node16 from ESM, bundler). Packs once with --ignore-scripts: dist/ must already be
 * built (`npm ci` builds it through `prepare`), and a second build inside `npm pack` would double the time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const run = (file: string, args: string[]) => execFileSync(file, args, { cwd: root, stdio: 'inherit' });

if (!existsSync(join(root, 'dist', 'index.mjs'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(1);
}
const out = mkdtempSync(join(tmpdir(), 'huuray-pack-'));
try {
  run(bin('publint'), ['--strict']); // packs with npm, scripts ignored
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], {
    cwd: root,
    encoding: 'utf8',
  });
  const [{ filename }] = JSON.parse(packed) as [{ filename: string }];
  run(bin('attw'), [join(out, filename), '--profile', 'strict']);
} catch {
  process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
