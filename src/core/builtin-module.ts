/**
 * A Node built-in, handed out by the runtime without a static import (`process.getBuiltinModule`:
 * Node >= 20.16, Bun, Deno), so the client entry's graph names no `node:` module and still loads on
 * edge runtimes; `undefined` where the runtime has no such function or refuses the module.
 */
export function builtinModule(id: string): unknown {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return proc?.getBuiltinModule?.(id);
  } catch {
    return undefined;
  }
}
