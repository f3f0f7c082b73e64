/**
 * Side-by-side measurement: every variant of a comparison is sampled in the same round, one after the
 * other, so drift, warm-up and a busy neighbour hit all of them alike. Results are ratios to a named
 * baseline; bare times are kept in results.json for context but never compared across machines.
 */

/** One contender: `run` performs one unit of work (one call, one import, one campaign). */
export interface Variant {
  readonly name: string;
  /** One unit of work, timed from outside. */
  readonly run?: () => unknown;
  /** Or: performs one unit of work and returns its own measurement in ms (e.g. a child process's import time). */
  readonly measure?: () => Promise<number>;
  /** Items one run handles (rows, codes), to report a rate per second. */
  readonly units?: number;
}

/** Median and p99 of a variant's samples, and its median as a multiple of the baseline's. */
export interface Row {
  readonly variant: string;
  readonly samples: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  /** median / baseline median. */
  readonly ratio: number;
  /** `units` per second at the median, when the variant has `units`. */
  readonly perSecond?: number;
  /** More columns, by heading, e.g. a server's CPU share during the samples (see `withColumns`). */
  readonly extra?: Readonly<Record<string, string>>;
}

/** One comparison: what was measured, against what, and the rows. */
export interface Table {
  readonly title: string;
  readonly baseline: string;
  readonly unit: string;
  readonly rows: Row[];
  /** Goals from the issue, e.g. `{ variant: 'balances()', atMost: 1.1 }`, checked and printed. */
  readonly goals: Goal[];
}

export interface Goal {
  readonly variant: string;
  /** The most the ratio may be, or with `absoluteMs` the most the median may be in milliseconds. */
  readonly atMost: number;
  /** Which ratio the goal is about when not the table's baseline, e.g. another row. */
  readonly against?: string;
  /**
   * The issue states this goal as a time (the import's 50 ms), not a ratio: it is checked against the
   * median itself, and so holds only on a machine like the one the issue was measured on.
   */
  readonly absoluteMs?: boolean;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Samples each variant `rounds` times, interleaved (a, b, c, a, b, c, ...), after `warmup` rounds. */
export async function compare(
  title: string,
  variants: readonly Variant[],
  options: { rounds: number; warmup?: number; baseline?: string; unit?: string; goals?: Goal[] },
): Promise<Table> {
  const samples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  const total = (options.warmup ?? 0) + options.rounds;
  for (let round = 0; round < total; round++) {
    // Rotate the order each round so no variant always runs right after the same neighbour.
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(i + round) % variants.length] as Variant;
      let elapsed: number;
      if (variant.measure !== undefined) elapsed = await variant.measure();
      else {
        const started = performance.now();
        await variant.run?.();
        elapsed = performance.now() - started;
      }
      if (round >= (options.warmup ?? 0)) samples.get(variant.name)?.push(elapsed);
    }
  }
  const baseline = options.baseline ?? (variants[0] as Variant).name;
  const sortedOf = (name: string) => [...(samples.get(name) ?? [])].sort((a, b) => a - b);
  const baseMedian = quantile(sortedOf(baseline), 0.5);
  const rows = variants.map((v) => {
    const sorted = sortedOf(v.name);
    const medianMs = quantile(sorted, 0.5);
    const row: Row = {
      variant: v.name,
      samples: sorted.length,
      medianMs,
      p99Ms: quantile(sorted, 0.99),
      ratio: medianMs / baseMedian,
    };
    return v.units === undefined ? row : { ...row, perSecond: v.units / (medianMs / 1000) };
  });
  return { title, baseline, unit: options.unit ?? 'ms', rows, goals: options.goals ?? [] };
}

/** The ratio a goal is about: the variant's median over the baseline's (or over `against`'s); with `absoluteMs` the median. */
export function goalRatio(table: Table, goal: Goal): number {
  const row = table.rows.find((r) => r.variant === goal.variant);
  if (goal.absoluteMs === true) return row?.medianMs ?? Number.NaN;
  const against = table.rows.find((r) => r.variant === (goal.against ?? table.baseline));
  if (row === undefined || against === undefined) return Number.NaN;
  return row.medianMs / against.medianMs;
}

/** `table` with more columns for each row, by variant (printed after the table's own). */
export function withColumns(table: Table, columns: (variant: string) => Record<string, string>): Table {
  return { ...table, rows: table.rows.map((r) => ({ ...r, extra: { ...r.extra, ...columns(r.variant) } })) };
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** A Markdown table of ratios (and the median/p99 they come from), then each goal with met or missed. */
export function formatTable(table: Table): string {
  const rates = table.rows.some((r) => r.perSecond !== undefined);
  const headings = [...new Set(table.rows.flatMap((r) => Object.keys(r.extra ?? {})))];
  const extraHead = headings.map((h) => ` ${h} |`).join('');
  const extraRule = headings.map(() => ' --- |').join('');
  const head = `### ${table.title}\n\n| variant | median | p99 | ratio to ${table.baseline} |${rates ? ' per second |' : ''}${extraHead}\n| --- | --- | --- | --- |${rates ? ' --- |' : ''}${extraRule}`;
  const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
  const lines = table.rows.map((r) => {
    const rate = rates ? ` ${r.perSecond === undefined ? '' : r.perSecond.toFixed(0)} |` : '';
    const extra = headings.map((h) => ` ${r.extra?.[h] ?? ''} |`).join('');
    return `| ${pad(r.variant, 10)} | ${fmt(r.medianMs)} ${table.unit} | ${fmt(r.p99Ms)} ${table.unit} | ${r.ratio.toFixed(2)}x |${rate}${extra}`;
  });
  const goals = table.goals.map((g) => {
    const ratio = goalRatio(table, g);
    const verdict = ratio <= g.atMost ? 'met' : 'MISSED';
    if (g.absoluteMs === true) return `- goal: ${g.variant} at most ${g.atMost} ms: ${ratio.toFixed(1)} ms, ${verdict}`;
    return `- goal: ${g.variant} at most ${g.atMost}x ${g.against ?? table.baseline}: ${ratio.toFixed(2)}x, ${verdict}`;
  });
  return [head, ...lines, ...(goals.length > 0 ? ['', ...goals] : [])].join('\n');
}
