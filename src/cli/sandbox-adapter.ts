import { CliExit, ExitCode } from './exit-codes.js';

/** A running in-process sandbox, as the CLI needs it. */
export interface SandboxHandle {
  readonly url: string;
  readonly token: string;
  readonly secret: string;
  close(): Promise<void>;
}

export interface SandboxStartOptions {
  readonly port?: number | undefined;
  readonly seed?: string | number | undefined;
}

type StartSandbox = (options: SandboxStartOptions) => Promise<SandboxHandle>;

// A variable specifier keeps tsc from resolving a module that is not in this build yet. Once
// src/sandbox/ is merged, replace this with `import('../sandbox/index.js')` and drop the shape check.
const SANDBOX_MODULE = '../sandbox/index.js';

async function loadStartSandbox(): Promise<StartSandbox | null> {
  let module: unknown;
  try {
    module = await import(SANDBOX_MODULE);
  } catch (error) {
    // Only the sandbox module itself being absent means "not in this build"; a module the sandbox
    // imports being absent is a broken build and must surface as it is.
    const code = (error as NodeJS.ErrnoException).code;
    const missing = /Cannot find module '([^']+)'/.exec(String((error as Error).message))?.[1] ?? '';
    if (code === 'ERR_MODULE_NOT_FOUND' && /[\\/]sandbox[\\/]index\.[jt]s$/.test(missing)) return null;
    throw error;
  }
  const start = (module as { startSandbox?: unknown }).startSandbox;
  return typeof start === 'function' ? (start as StartSandbox) : null;
}

/**
 * Starts the stateful sandbox in this process (`--sandbox`, `huuray sandbox`). Exits with code 2 and
 * "sandbox not available in this build" when the sandbox module is not part of the build.
 */
export async function startSandbox(options: SandboxStartOptions = {}): Promise<SandboxHandle> {
  const start = await loadStartSandbox();
  if (start === null) throw new CliExit(ExitCode.usage, 'sandbox not available in this build');
  const sandbox = await start(options);
  return { url: sandbox.url, token: sandbox.token, secret: sandbox.secret, close: () => sandbox.close() };
}
