import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { sha256Of } from '../../scripts/spec/document.js';
import { REPO_ROOT, vendoredSpecPath } from '../../scripts/spec/location.js';
import { SPEC_SENSITIVE_TESTS, updateSpec } from '../../scripts/spec/update.js';
import { type EditableSpec, vendoredCopy, vendoredText, withOrderLookup } from '../helpers/spec-copies.js';

// Each case runs in a temp root holding a copy of openapi/ (never the real one); generation runs
// only where the case needs it, and the type check and tests are left to the real checkout.
const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function tempRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'huuray-spec-update-'));
  roots.push(root);
  await mkdir(join(root, 'openapi'));
  await writeFile(join(root, 'openapi/huuray-v4.yaml'), vendoredText);
  return root;
}

async function vendorSource(root: string, name: string, text: string): Promise<string> {
  const file = join(root, name);
  await writeFile(file, text);
  return file;
}

const asYaml = (spec: EditableSpec): string => stringify(spec);

describe('npm run spec:update (in a temp copy)', { timeout: 120_000 }, () => {
  it('vendors the same document served as JSON with no change reported, keeping the bytes it was given', async () => {
    const root = await tempRoot();
    const json = JSON.stringify(vendoredCopy(), null, 2);
    const outcome = await updateSpec({
      root,
      source: await vendorSource(root, 'swagger.json', json),
      runChecks: false,
    });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.markdown).toContain('No API change.');
    expect(vendoredSpecPath(root)).toBe('openapi/huuray-v4.json');
    expect(existsSync(join(root, 'openapi/huuray-v4.yaml'))).toBe(false);
    expect(await readFile(join(root, 'openapi/huuray-v4.json'), 'utf8')).toBe(json);
    const [header, ...body] = (await readFile(join(root, 'generated/zod.ts'), 'utf8')).split('\n');
    expect(header).toContain(`from openapi/huuray-v4.json (info.version v4, sha256 ${sha256Of(json)})`);
    // Same API, other bytes: only the stamp differs, and that is enough for generate:check to fail.
    const [committedHeader, ...committedBody] = (await readFile(join(REPO_ROOT, 'generated/zod.ts'), 'utf8')).split(
      '\n',
    );
    expect(body).toEqual(committedBody);
    expect(header).not.toBe(committedHeader);
  });

  it('generates an added operation with a path parameter', async () => {
    const root = await tempRoot();
    const source = await vendorSource(root, 'new.yaml', asYaml(withOrderLookup(vendoredCopy())));
    const outcome = await updateSpec({ root, source, runChecks: false });
    expect(outcome.markdown).toContain(
      '| needs review | `GET /v4/Order/{orderUid}` | operation added (path parameters: orderUid) |',
    );
    expect(outcome.report?.checks).toEqual([
      { name: 'vendor openapi/huuray-v4.yaml and regenerate generated/', passed: true, detail: '' },
    ]);
    expect(outcome.exitCode).toBe(0);
    const table = await readFile(join(root, 'generated/operations.ts'), 'utf8');
    expect(table).toMatch(/"path": "\/v4\/Order\/\{orderUid\}",\s+"pathParameters": \[\s+"orderUid"\s+\]/);
    const types = await readFile(join(root, 'generated/openapi.ts'), 'utf8');
    expect(types).toMatch(/"\/v4\/Order\/\{orderUid\}": \{/);
    expect(types).toMatch(/path: \{\s+orderUid: string;/);
  });

  it('puts the previous spec back when generation fails (an unhandled header parameter)', async () => {
    const root = await tempRoot();
    const spec = withOrderLookup(vendoredCopy());
    const lookup = spec.paths['/v4/Order/{orderUid}']?.get as { parameters: unknown[] };
    lookup.parameters.push({ name: 'X-Trace', in: 'header', required: false, schema: { type: 'string' } });
    const source = await vendorSource(root, 'json-spec.json', JSON.stringify(spec));
    const outcome = await updateSpec({ root, source, runChecks: false });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.markdown).toContain('- vendor openapi/huuray-v4.json and regenerate generated/: FAILED');
    expect(outcome.markdown).toContain('GET /v4/Order/{orderUid}: unhandled header parameter X-Trace');
    expect(vendoredSpecPath(root)).toBe('openapi/huuray-v4.yaml');
    expect(await readFile(join(root, 'openapi/huuray-v4.yaml'), 'utf8')).toBe(vendoredText);
  });

  it('refuses a version bump and touches nothing', async () => {
    const root = await tempRoot();
    const spec = vendoredCopy();
    spec.info.version = 'v4.1';
    const outcome = await updateSpec({
      root,
      source: await vendorSource(root, 'v41.yaml', asYaml(spec)),
      runChecks: false,
    });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.markdown).toContain('info.version is "v4.1", expected "v4"');
    expect(await readFile(join(root, 'openapi/huuray-v4.yaml'), 'utf8')).toBe(vendoredText);
    expect(existsSync(join(root, 'generated'))).toBe(false);
  });

  it('reports a patch that no longer applies and a breaking change, and vendors nothing', async () => {
    const root = await tempRoot();
    const spec = vendoredCopy();
    const balance = spec.paths['/v4/Balance']?.get as { parameters: { name: string }[] };
    balance.parameters = balance.parameters.filter((p) => p.name !== 'X-API-NONCE');
    const value = spec.components.schemas.OrderProduct?.properties.Value;
    if (value === undefined) throw new Error('fixture');
    Object.assign(value, { type: 'number', format: 'double' });
    const outcome = await updateSpec({
      root,
      source: await vendorSource(root, 'bad.yaml', asYaml(spec)),
      runChecks: false,
    });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.markdown).toContain(
      '| signing-headers-as-security | no longer applies | spec patch "signing-headers-as-security" no longer applies: GET /v4/Balance does not declare header X-API-NONCE once |',
    );
    expect(outcome.markdown).toContain(
      '| breaking | `OrderProduct.Value` | money field: type integer (int32) -> number (double) (request) |',
    );
    expect(outcome.markdown).toContain('- vendor and regenerate: FAILED');
    expect(await readFile(join(root, 'openapi/huuray-v4.yaml'), 'utf8')).toBe(vendoredText);
  });
});

function specUpdateCli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = join(REPO_ROOT, 'node_modules/.bin/tsx');
  return new Promise((done) => {
    execFile(tsx, [join(REPO_ROOT, 'scripts/spec-update.ts'), ...args], { cwd: REPO_ROOT }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

it('names spec-sensitive tests that exist', () => {
  for (const path of SPEC_SENSITIVE_TESTS) expect(existsSync(join(REPO_ROOT, path)), path).toBe(true);
});

// Each case starts tsx in a child process; generous limits so a slow, shared machine does not fail them.
describe('the spec:update command', { timeout: 120_000 }, () => {
  it('exits 1 with the report on a breaking change, and writes the report file', async () => {
    const root = await tempRoot();
    const spec = vendoredCopy();
    const value = spec.components.schemas.StockRequest?.properties.Value;
    if (value === undefined) throw new Error('fixture');
    value.type = 'number';
    const source = await vendorSource(root, 'stock.yaml', asYaml(spec));
    const reportFile = join(root, 'report.md');
    const { code, stdout } = await specUpdateCli([source, '--root', root, '--no-checks', '--report', reportFile]);
    expect(stdout).toContain(
      '| breaking | `StockRequest.Value` | money field: type integer (int32) -> number (int32) (request) |',
    );
    expect(code).toBe(1);
    expect(await readFile(reportFile, 'utf8')).toBe(stdout);
    expect(await readFile(join(root, 'openapi/huuray-v4.yaml'), 'utf8')).toBe(asYaml(spec));
  });

  it('exits 2 without a source', async () => {
    const { code, stderr } = await specUpdateCli(['--no-checks']);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run spec:update -- <file or URL>');
  });
});
