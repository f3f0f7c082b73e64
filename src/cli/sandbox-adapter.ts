import { startSandbox as start } from '../sandbox/index.js';
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

/** Starts the stateful sandbox in this process (`--sandbox`, `huuray sandbox`); a bad seed is a usage error. */
export async function startSandbox(options: SandboxStartOptions = {}): Promise<SandboxHandle> {
  const seed = options.seed === undefined ? undefined : Number(options.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    throw new CliExit(ExitCode.usage, `--seed must be a whole number, got ${String(options.seed)}`);
  }
  const sandbox = await start({ port: options.port, seed });
  return { url: sandbox.url, token: sandbox.token, secret: sandbox.secret, close: () => sandbox.close() };
}
