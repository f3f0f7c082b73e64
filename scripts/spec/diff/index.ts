/** The structural spec differ: published document in, classed changes out. */
import type { SpecNode } from '../../spec-patches.js';
import { type Change, compareSchemaSets } from './compare.js';
import { compareOperations } from './compare-operations.js';
import { modelOf } from './model.js';

export type { Change, ChecklistItem, Severity } from './compare.js';
export { UnsupportedShapeError } from './model.js';

/** Every change from `before` to `after` (both as published), operations first. Throws `UnsupportedShapeError`. */
export function diffSpecs(before: SpecNode, after: SpecNode): Change[] {
  const a = modelOf(before);
  const b = modelOf(after);
  return [...compareOperations(a, b), ...compareSchemaSets(a, b)];
}
