/**
 * A sandbox in its own process for the bulk benchmark, so the client's and the sandbox's work do not
 * share one event loop. Prints one JSON line with its URL and credentials, then runs until SIGTERM.
 */
import { startSandbox } from '../src/sandbox/index.js';

const sandbox = await startSandbox({
  seed: 11,
  catalogueSize: 200,
  accounts: [{ balances: { DKK: 2_000_000_000, EUR: 2_000_000_000, USD: 2_000_000_000 } }],
});
console.log(JSON.stringify({ url: sandbox.url, token: sandbox.token, secret: sandbox.secret }));
process.once('SIGTERM', () => {
  void sandbox.close().then(() => process.exit(0));
});
