import type { Command } from 'commander';

/** Something text is written to: a process stream, or a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
}

/** What the command reads from and writes to. The binary passes the process's; tests pass their own. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean | undefined };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths (CSV files, journals, `.huuray/`) resolve against this, never `process.cwd()`. */
  readonly cwd: string;
  /**
   * Ends the process at once (a second Ctrl-C during a campaign). Only the binary passes one: the
   * library path never calls `process.exit` itself, so an in-process run is never cut short.
   */
  readonly exitNow?: ((code: number) => void) | undefined;
}

/** The real process's streams, environment and working directory. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    exitNow: (code) => process.exit(code),
  };
}

// Keyed by the root command, so every subcommand finds the io of the run it belongs to and two
// in-process runs never share streams.
const ioByProgram = new WeakMap<Command, CliIo>();

export function attachIo(program: Command, io: CliIo): void {
  ioByProgram.set(program, io);
}

/** The io of the run `command` belongs to (the process's when it was built without one). */
export function ioFor(command: Command): CliIo {
  let root: Command = command;
  while (root.parent !== null) root = root.parent;
  return ioByProgram.get(root) ?? processIo();
}
