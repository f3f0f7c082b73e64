/**
 * CPU the client (this process) and the sandbox (its own process) use while a variant runs: as a share
 * of one core, and per unit of work (row, code). When the sandbox's share nears 100% (or the two
 * together near the machine's cores), more concurrency cannot help and the client is not what limits.
 */
import { quantile, type Table, type Variant, withColumns } from './harness.js';

interface Shares {
  /** CPU time per wall time, as a share of one core. */
  readonly sandbox: number[];
  readonly client: number[];
  /** CPU time per unit (row, code), in microseconds. */
  readonly sandboxPerUnit: number[];
  readonly clientPerUnit: number[];
}

/** CPU time per wall time (as a share of one core) and per unit, of the samples of each variant. */
export class CpuShares {
  readonly #shares = new Map<string, Shares>();

  /** A variant that times `run` itself and notes the CPU both processes used meanwhile. */
  variant(name: string, units: number, sandboxCpuMicros: () => Promise<number>, run: () => Promise<void>): Variant {
    return {
      name,
      units,
      measure: async () => {
        const sandboxBefore = await sandboxCpuMicros();
        const clientBefore = process.cpuUsage();
        const started = performance.now();
        await run();
        const elapsed = performance.now() - started;
        const client = process.cpuUsage(clientBefore);
        const sandbox = (await sandboxCpuMicros()) - sandboxBefore;
        const shares = this.#shares.get(name) ?? { sandbox: [], client: [], sandboxPerUnit: [], clientPerUnit: [] };
        this.#shares.set(name, shares);
        const clientMicros = client.user + client.system;
        shares.sandbox.push(sandbox / 1000 / elapsed);
        shares.client.push(clientMicros / 1000 / elapsed);
        shares.sandboxPerUnit.push(sandbox / units);
        shares.clientPerUnit.push(clientMicros / units);
        return elapsed;
      },
    };
  }

  /** The median shares of each variant as columns of `table`, and CPU per `unit` (row, code). */
  columns(table: Table, unit: string): Table {
    const median = (values: number[]) =>
      quantile(
        [...values].sort((a, b) => a - b),
        0.5,
      );
    const percent = (values: number[] | undefined) =>
      values === undefined ? '' : `${(median(values) * 100).toFixed(0)}%`;
    const micros = (values: number[] | undefined) => (values === undefined ? '' : `${median(values).toFixed(0)} µs`);
    return withColumns(table, (variant) => {
      const shares = this.#shares.get(variant);
      return {
        'sandbox CPU': percent(shares?.sandbox),
        'client CPU': percent(shares?.client),
        [`sandbox CPU/${unit}`]: micros(shares?.sandboxPerUnit),
        [`client CPU/${unit}`]: micros(shares?.clientPerUnit),
      };
    });
  }
}
