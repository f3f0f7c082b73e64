import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecencyQueue } from '../../src/core/recency-queue.js';

// Oracle: a plain list, newest last; touch moves a key to the end, shift takes the first.
describe('RecencyQueue', () => {
  it('keeps keys in the order they were last touched, through any mix of operations', () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('touch' as const), key: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ kind: fc.constant('shift' as const) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 3000 }), (operations) => {
        const queue = new RecencyQueue<number>();
        const model: number[] = [];
        for (const op of operations) {
          if (op.kind === 'touch') {
            const at = model.indexOf(op.key);
            if (at !== -1) model.splice(at, 1);
            model.push(op.key);
            queue.touch(op.key);
          } else if (op.kind === 'delete') {
            const at = model.indexOf(op.key);
            if (at !== -1) model.splice(at, 1);
            expect(queue.delete(op.key)).toBe(at !== -1);
          } else {
            expect(queue.shift()).toBe(model.shift());
          }
          expect(queue.size).toBe(model.length);
        }
        expect([...queue.keys()]).toEqual(model);
        const ranks = model.map((key) => queue.rank(key) as number);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        const rest: number[] = [];
        for (let key = queue.shift(); key !== undefined; key = queue.shift()) rest.push(key);
        expect(rest).toEqual(model);
      }),
      { numRuns: 200 },
    );
  });

  it('holds slots in proportion to its keys, however often they are touched', () => {
    const queue = new RecencyQueue<string>();
    for (let round = 0; round < 200_000; round++) queue.touch(`key-${round % 10}`);
    for (let round = 0; round < 100_000; round++) {
      queue.touch(`new-${round}`);
      queue.shift();
    }
    expect(queue.size).toBe(10);
    // 300,000 touches of ten live keys: compacted to those and the slack of stale or consumed slots.
    expect(queue.slots).toBeLessThan(1200);
    const left: string[] = [];
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) left.push(key);
    expect(left).toEqual(Array.from({ length: 10 }, (_, i) => `new-${99_990 + i}`));
  });
});
