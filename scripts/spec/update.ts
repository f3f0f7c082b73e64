/**
 * `npm run spec:update -- <file or URL>`: take a new Huuray spec, report what changed for this client,
 * and (unless a patch no longer applies) vendor it, regenerate and run the spec-sensitive checks.
 */
import { spawnSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Change, diffSpecs, UnsupportedShapeError } from './diff/index.js';
import { acceptSpec, formatOf, parseSpecText, SpecRefusedError } from './document.js';
import { SPEC_STEM, vendoredSpecPath } from './location.js';
import { dryRunPatches } from './patch-dry-run.js';
import { type CheckResult, renderReport, reportFails, type UpdateReport } from './report.js';

/** The tests that read the spec or the generated files; the vendoring test is left out on purpose (it pins the old bytes). */
export const SPEC_SENSITIVE_TESTS = [
  'test/spec',
  'test/scripts/spec-patches.test.ts',
  'test/contract',
  'test/sandbox/conformance.test.ts',
  'test/facade/prism-contract.test.ts',
] as const;

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export interface UpdateOptions {
  /** Repository root whose `openapi/` and `generated/` are updated. */
  readonly root: string;
  /** A file path, or an http(s) URL (for people; tests pass files). */
  readonly source: string;
  /** Run the type check and the spec-sensitive tests after regenerating (off in tests that use a temp root). */
  readonly runChecks: boolean;
}

export interface UpdateOutcome {
  readonly markdown: string;
  /** 0 clean, 1 breaking change or failed step, 2 document refused. */
  readonly exitCode: 0 | 1 | 2;
  readonly report: UpdateReport | null;
}

async function readSource(source: string): Promise<Uint8Array> {
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, {
      headers: { accept: 'application/json, application/yaml;q=0.9' },
      signal: AbortSignal.timeout(120_000),
    });
    if (!response.ok) throw new Error(`GET ${source} answered ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  return readFile(source);
}

/** Runs a check in `root`; on failure keeps the lines of its output that `keep` picks (ANSI colours stripped). */
function run(name: string, root: string, args: readonly string[], keep: RegExp): CheckResult {
  const [bin = '', ...rest] = args;
  const result = spawnSync(join(root, 'node_modules/.bin', bin), rest, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  if (result.status === 0) return { name, passed: true, detail: '' };
  const plain = `${result.stdout ?? ''}${result.stderr ?? ''}`.replace(ANSI_COLOUR, '');
  const lines = plain.split('\n').filter((line) => keep.test(line));
  return {
    name,
    passed: false,
    detail: (lines.length > 0 ? lines : plain.split('\n').slice(-20)).slice(0, 40).join('\n'),
  };
}

export async function updateSpec(options: UpdateOptions): Promise<UpdateOutcome> {
  const bytes = await readSource(options.source);
  const text = Buffer.from(bytes).toString('utf8');
  let incoming: ReturnType<typeof parseSpecText>;
  let identity: ReturnType<typeof acceptSpec>;
  try {
    incoming = parseSpecText(text);
    identity = acceptSpec(incoming, bytes);
  } catch (error) {
    if (!(error instanceof SpecRefusedError) && !(error instanceof SyntaxError)) throw error;
    return {
      markdown: `# Huuray spec update refused\n\n${error.message}. Nothing was vendored or regenerated.\n`,
      exitCode: 2,
      report: null,
    };
  }
  const oldPath = vendoredSpecPath(options.root);
  const oldBytes = await readFile(join(options.root, oldPath));
  const current = parseSpecText(oldBytes.toString('utf8'));
  const before = acceptSpec(current, oldBytes);

  let changes: Change[] = [];
  let unsupported: string | undefined;
  try {
    changes = diffSpecs(current, incoming);
  } catch (error) {
    if (!(error instanceof UnsupportedShapeError)) throw error;
    unsupported = error.message;
  }
  const patches = dryRunPatches(incoming);
  const checks: CheckResult[] = [];
  // Generation applies every patch, so one that no longer applies, or is no longer needed, must be
  // fixed or dropped first: vendoring now would leave openapi/ and generated/ out of step.
  const unsettled = patches.filter((p) => p.result !== 'applies').map((p) => `${p.patch} (${p.result})`);
  if (unsettled.length > 0) {
    checks.push({
      name: 'vendor and regenerate',
      passed: false,
      detail: `skipped until these patches are fixed or dropped: ${unsettled.join(', ')}; ${oldPath} and generated/ are unchanged`,
    });
  } else {
    const newPath = `${SPEC_STEM}.${formatOf(text)}`;
    await writeFile(join(options.root, newPath), bytes);
    if (newPath !== oldPath) await rm(join(options.root, oldPath));
    const generated = await regenerate(options.root, newPath);
    checks.push(generated);
    if (!generated.passed) {
      // Put the previous spec back, so openapi/ and generated/ still belong together.
      if (newPath !== oldPath) await rm(join(options.root, newPath));
      await writeFile(join(options.root, oldPath), oldBytes);
      checks.push({ name: `restore ${oldPath}`, passed: true, detail: '' });
    }
    if (options.runChecks && checks.every((c) => c.passed)) {
      checks.push(run('type check (npm run typecheck)', options.root, ['tsc', '-p', 'tsconfig.json'], /error TS/));
      checks.push(
        run(
          `spec-sensitive tests (${SPEC_SENSITIVE_TESTS.join(' ')})`,
          options.root,
          ['vitest', 'run', ...SPEC_SENSITIVE_TESTS],
          /^\s*FAIL\s|^\s*(Test Files|Tests)\s/,
        ),
      );
    }
  }
  const report: UpdateReport = { before, after: identity, changes, patches, checks, unsupported };
  return { markdown: renderReport(report), exitCode: reportFails(report) ? 1 : 0, report };
}

async function regenerate(root: string, specPath: string): Promise<CheckResult> {
  const name = `vendor ${specPath} and regenerate generated/`;
  try {
    // Loaded only here: the generators are heavy, and a refused document or a broken patch never needs them.
    const { generate, writeGenerated } = await import('../generate.js');
    await writeGenerated(await generate(root), root);
    return { name, passed: true, detail: '' };
  } catch (error) {
    return { name, passed: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
