/**
 * Run in a child process (`node --import tsx import-trace.ts <trace file> <runs as JSON>`): records every
 * module the CLI resolves while it runs each argv in-process, one after the other, and prints their exit
 * codes as JSON. The hooks are registered before the program is imported, so its whole graph is seen.
 */
import { register } from 'node:module';
import { Readable } from 'node:stream';

const [traceFile, runsJson] = process.argv.slice(2);
if (traceFile === undefined || runsJson === undefined) throw new Error('usage: import-trace.ts <trace file> <runs>');
register(new URL('./import-trace-hooks.mjs', import.meta.url), { data: { traceFile } });

const { runCli } = await import('../../src/cli/program.js');
const discard = { write: () => true };
const codes: number[] = [];
for (const argv of JSON.parse(runsJson) as string[][]) {
  codes.push(
    await runCli(argv, { stdout: discard, stderr: discard, stdin: Readable.from([]), env: {}, cwd: process.cwd() }),
  );
}
process.stdout.write(JSON.stringify(codes));
