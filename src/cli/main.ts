#!/usr/bin/env node
import { runCli } from './program.js';

// `huuray catalogue | head` closes the pipe early: that is the reader being done, not a failure, and
// must not end in an unhandled EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// exitCode rather than process.exit(): stdout may still be flushing to a pipe.
process.exitCode = await runCli(process.argv.slice(2));
