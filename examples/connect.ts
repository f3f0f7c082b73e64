// How every example gets a client: your account when HUURAY_API_TOKEN and HUURAY_API_SECRET are set (and
// HUURAY_BASE_URL, if you point it elsewhere), otherwise a local sandbox started here, so each example runs as it is
// with no account. Careful: with your credentials set, the examples that send gift cards spend real money.
import { pathToFileURL } from 'node:url';
import { Huuray } from 'huuray-client';
import { startSandbox } from 'huuray-client/sandbox';

/** A client, where it points, and how to stop what was started for it. */
export interface Connection {
  readonly huuray: Huuray;
  readonly where: string;
  close(): Promise<void>;
}

export async function connect(): Promise<Connection> {
  if (process.env.HUURAY_API_TOKEN && process.env.HUURAY_API_SECRET) {
    const huuray = Huuray.fromEnv();
    return { huuray, where: `your Huuray account at ${huuray.raw.baseUrl}`, close: async () => {} };
  }
  const sandbox = await startSandbox({ seed: 2026 });
  const huuray = Huuray.fromEnv({
    HUURAY_API_TOKEN: sandbox.token,
    HUURAY_API_SECRET: sandbox.secret,
    HUURAY_BASE_URL: sandbox.url,
  });
  return { huuray, where: `a local sandbox at ${sandbox.url} (HUURAY_* not set)`, close: () => sandbox.close() };
}

/** Runs `main` when the file is run directly (`npx tsx examples/<name>.ts`), not when it is imported. */
export function runIfMain(moduleUrl: string, main: () => Promise<void>): void {
  const entry = process.argv[1];
  if (entry === undefined || pathToFileURL(entry).href !== moduleUrl) return;
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
