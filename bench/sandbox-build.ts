/**
 * The sandbox's catalogue build at 1,000 and 100,000 products (moved here from the suite, where a time
 * limit failed on busy machines): a ratio near 100x means it scales linearly.
 */
import { generateCatalogue } from '../src/sandbox/catalogue.js';
import { compare, type Table } from './harness.js';

export function sandboxBuild(rounds: number): Promise<Table> {
  return compare(
    'Sandbox catalogue build',
    [
      { name: '1,000 products', run: () => generateCatalogue(7, 1_000) },
      { name: '100,000 products', run: () => generateCatalogue(7, 100_000) },
    ],
    { rounds, warmup: 1 },
  );
}
