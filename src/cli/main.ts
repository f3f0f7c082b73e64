#!/usr/bin/env node
import { runCli } from './program.js';

// exitCode rather than process.exit(): stdout may still be flushing to a pipe.
process.exitCode = await runCli(process.argv.slice(2));
