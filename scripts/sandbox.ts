/**
 * `npm run sandbox [-- --port 8080 --seed 7 --catalogue-size 1000]`: starts the stateful Huuray
 * sandbox on 127.0.0.1, prints its URL and the fake account's credentials, and runs until SIGINT or
 * SIGTERM, then closes cleanly.
 */
import { parseArgs } from 'node:util';
import { startSandbox } from '../src/sandbox/index.js';

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`--${name} must be an integer, got ${text}`);
  return value;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    seed: { type: 'string' },
    'catalogue-size': { type: 'string' },
  },
});

const sandbox = await startSandbox({
  port: integer('port', values.port),
  seed: integer('seed', values.seed),
  catalogueSize: integer('catalogue-size', values['catalogue-size']),
});

// The secret is printed on purpose: it belongs to a local fake account that only this process knows.
console.log(`Huuray sandbox listening on ${sandbox.url}`);
console.log(`HUURAY_BASE_URL=${sandbox.url}`);
console.log(`HUURAY_API_TOKEN=${sandbox.token}`);
console.log(`HUURAY_API_SECRET=${sandbox.secret}`);
console.log('Press Ctrl+C to stop.');

let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  await sandbox.close();
  console.log(`Sandbox stopped (${signal}).`);
  process.exit(0);
};
process.once('SIGINT', (signal) => void stop(signal));
process.once('SIGTERM', (signal) => void stop(signal));
