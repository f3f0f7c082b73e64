// Module hooks (node:module register) for test/helpers/import-trace.ts: every module URL the program
// resolves is appended to a file, synchronously, so the list is complete when the import settles.
import { appendFileSync } from 'node:fs';

let traceFile = '';

export function initialize(data) {
  traceFile = data.traceFile;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(traceFile, `${resolved.url}\n`);
  return resolved;
}
