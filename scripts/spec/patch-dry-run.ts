/**
 * Runs every spec patch against a document and reports all outcomes at once, so a new vendor spec
 * shows every patch that needs attention in one go instead of failing on the first.
 */
import {
  PatchNoLongerAppliesError,
  PatchNoLongerNeededError,
  SPEC_PATCHES,
  type SpecNode,
  type SpecPatch,
} from '../spec-patches.js';

export type PatchOutcome =
  | { readonly patch: string; readonly result: 'applies' }
  | { readonly patch: string; readonly result: 'no longer needed'; readonly why: string }
  | { readonly patch: string; readonly result: 'no longer applies'; readonly why: string };

/**
 * Applies the patches in order to a copy of `published`; a patch that fails is recorded and
 * skipped, and the later ones still run on what the earlier ones left.
 */
export function dryRunPatches(published: SpecNode, patches: readonly SpecPatch[] = SPEC_PATCHES): PatchOutcome[] {
  const spec = structuredClone(published);
  return patches.map((patch): PatchOutcome => {
    const before = structuredClone(spec);
    try {
      patch.apply(spec);
      return { patch: patch.name, result: 'applies' };
    } catch (error) {
      // A half-applied patch must not leak into the next patch's view of the spec.
      for (const key of Object.keys(spec)) delete spec[key];
      Object.assign(spec, before);
      const why = error instanceof Error ? error.message : String(error);
      if (error instanceof PatchNoLongerNeededError) return { patch: patch.name, result: 'no longer needed', why };
      if (error instanceof PatchNoLongerAppliesError) return { patch: patch.name, result: 'no longer applies', why };
      return { patch: patch.name, result: 'no longer applies', why: `unexpected error: ${why}` };
    }
  });
}
