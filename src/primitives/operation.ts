import { type OperationName, operations } from '../../generated/operations.js';

/**
 * `METHOD /path` of an operation, taken from the generated operation table so that errors, events and
 * logs name operations exactly as the spec does, and a renamed path cannot leave a stale label behind.
 */
export function operationLabel(name: OperationName): string {
  const operation = operations.find((o) => o.name === name);
  if (operation === undefined) throw new Error(`no operation ${name} in generated/operations.ts`);
  return `${operation.method} ${operation.path}`;
}
