/**
 * `npm run demo`: a read-only tour of the Huuray API through the typed client, against a Prism mock
 * of the vendored spec started here and stopped at the end. Never touches the real API.
 */
import { createHuurayClient } from '../src/index.js';
import { startPrism } from './prism.js';

const prism = await startPrism();
let failed = false;
try {
  console.log(`Prism mock of openapi/huuray-v4.yaml listening on ${prism.url} (answers are the spec's examples)\n`);
  const client = createHuurayClient({ token: 'demo-token', secret: 'demo-secret', baseUrl: prism.url });

  const show = (title: string, result: { response: Response; data?: unknown; error?: unknown }) => {
    const ok = result.response.ok;
    failed ||= !ok;
    console.log(`${title}  HTTP ${result.response.status}`);
    console.log(JSON.stringify(ok ? result.data : result.error, null, 2).replace(/^/gm, '  '));
    console.log();
  };

  show('Balance         GET  /v4/Balance', await client.GET('/v4/Balance'));
  show('Catalogue       POST /v4/Catalogue', await client.POST('/v4/Catalogue', { body: { All: false } }));
  show('Templates       POST /v4/Template', await client.POST('/v4/Template'));
  show(
    'Stock           POST /v4/Stock',
    await client.POST('/v4/Stock', { body: { ProductToken: 'demo-product', Value: 5000 } }),
  );
  show(
    'Exchange rates  GET  /v4/ExchangeRates',
    await client.GET('/v4/ExchangeRates', { params: { query: { FromCurrency: 'EUR', ToCurrency: 'DKK' } } }),
  );
} finally {
  await prism.close();
}
console.log(failed ? 'Demo finished with errors.' : 'Demo finished; the mock is stopped.');
process.exitCode = failed ? 1 : 0;
