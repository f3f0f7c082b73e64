/**
 * Reads a 2xx body leniently: a field the facade does not act on never turns a paid order into
 * "failed" or "outcome unknown" because it is malformed. What .NET serializers send is kept as sent
 * (`"2027-12-31 23:59:59"`, `/Date(1735689599000)/`, ids beyond int32, enum values the spec does not
 * list yet); anything else malformed is dropped, as if absent. Either way the field is reported.
 * The essential fields (essential-fields.ts) are checked first and strictly.
 */
import type { z } from 'zod';

export interface ReadIssue {
  readonly path: string;
  readonly message: string;
}

export type LenientRead<T> =
  | { readonly ok: true; readonly data: T; readonly issues: readonly ReadIssue[] }
  | { readonly ok: false; readonly issues: readonly ReadIssue[] };

type Container = Record<string | number, unknown>;

function zodIssues(error: z.ZodError, note = ''): ReadIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: `${issue.message}${note}` }));
}

function parentOf(body: unknown, path: readonly PropertyKey[]): { parent: Container; key: string | number } | null {
  let node: unknown = body;
  for (const segment of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return null;
    node = (node as Container)[segment as string | number];
  }
  const key = path.at(-1);
  if (typeof node !== 'object' || node === null || (typeof key !== 'string' && typeof key !== 'number')) return null;
  return { parent: node as Container, key };
}

/** Whether a rejected value is one a .NET API plausibly sends and keeps the declared JS type. */
function keepAsSent(issue: z.core.$ZodIssue, value: unknown): boolean {
  if (typeof value === 'string') return issue.code === 'invalid_format' || issue.code === 'invalid_value';
  if (typeof value === 'number') {
    return (issue.code === 'too_big' || issue.code === 'too_small') && Number.isSafeInteger(value);
  }
  return false;
}

/**
 * `essential` must pass; `schema` (the spec's) may fail on other fields, which are then kept as sent
 * or dropped and reported. `body` is a freshly parsed JSON value and is changed in place.
 */
export function readLeniently<T>(
  schema: z.ZodType<T>,
  essential: z.ZodType | undefined,
  body: unknown,
): LenientRead<T> {
  if (essential !== undefined) {
    const checked = essential.safeParse(body);
    if (!checked.success) return { ok: false, issues: zodIssues(checked.error) };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data, issues: [] };
  const issues: ReadIssue[] = [];
  const dropped: { parent: Container; key: string | number }[] = [];
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    const at = parentOf(body, issue.path);
    const value = at === null ? undefined : at.parent[at.key];
    if (at !== null && keepAsSent(issue, value)) {
      issues.push({ path, message: `${issue.message} (kept as sent)` });
    } else {
      issues.push({ path, message: `${issue.message} (ignored)` });
      if (at !== null) dropped.push(at);
    }
  }
  for (const { parent, key } of dropped) {
    if (Array.isArray(parent)) parent[key as number] = undefined;
    else delete parent[key];
  }
  for (const { parent } of dropped) {
    if (Array.isArray(parent)) {
      const kept = parent.filter((item) => item !== undefined);
      parent.length = 0;
      parent.push(...kept);
    }
  }
  // The spec's schemas are plain objects without transforms, so the patched body has their output shape.
  return { ok: true, data: body as T, issues };
}
