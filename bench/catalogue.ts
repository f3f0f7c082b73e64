/**
 * `catalogue()` (signed, validated, comma lists parsed, mapped) against raw `fetch` + `JSON.parse` of the
 * same body, at 1,000 to 50,000 products: the ratio should stay flat as the catalogue grows (linear).
 * The body comes from the sandbox's catalogue and is served fixed, so the server costs both alike.
 */
import { createHuurayClient, Huuray } from '../src/index.js';
import { startSandbox } from '../src/sandbox/index.js';
import { compare, type Table } from './harness.js';
import { startFixedServer } from './local-server.js';

async function sandboxCatalogue(size: number): Promise<{ Products: unknown[] } & Record<string, unknown>> {
  const sandbox = await startSandbox({ catalogueSize: size });
  try {
    const client = createHuurayClient({ token: sandbox.token, secret: sandbox.secret, baseUrl: sandbox.url });
    const { data, error } = await client.POST('/v4/Catalogue', { body: { All: false } });
    if (data === undefined) throw new Error(`sandbox catalogue failed: ${JSON.stringify(error)}`);
    return data as { Products: unknown[] } & Record<string, unknown>;
  } finally {
    await sandbox.close();
  }
}

export async function catalogueCost(sizes: readonly number[], rounds: (size: number) => number): Promise<Table[]> {
  const largest = Math.max(...sizes);
  const full = await sandboxCatalogue(largest);
  const server = await startFixedServer('{}');
  const token = 'bench-token';
  const secret = 'bench-secret-0123456789abcdef';
  const huuray = new Huuray({ token, secret, baseUrl: server.url, timeoutMs: 120_000 });
  const url = `${server.url}/v4/Catalogue`;
  const tables: Table[] = [];
  try {
    for (const size of sizes) {
      const body = JSON.stringify({ ...full, Products: full.Products.slice(0, size) });
      server.setBody(body);
      tables.push(
        await compare(
          `catalogue() of ${size.toLocaleString('en')} products (${(body.length / 1e6).toFixed(1)} MB)`,
          [
            {
              name: 'fetch + JSON.parse',
              run: async () => {
                const response = await fetch(url, { method: 'POST', body: '{"All":false}' });
                return JSON.parse(await response.text());
              },
            },
            { name: 'catalogue()', run: () => huuray.catalogue() },
          ],
          { rounds: rounds(size), warmup: 1, goals: [{ variant: 'catalogue()', atMost: 1.1 }] },
        ),
      );
    }
  } finally {
    await server.close();
  }
  return tables;
}
