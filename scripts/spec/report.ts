/** The Markdown change report `npm run spec:update` prints: changes, patches, checks, then a checklist. */
import type { Change, ChecklistItem, Severity } from './diff/index.js';
import type { SpecIdentity } from './document.js';
import type { PatchOutcome } from './patch-dry-run.js';

export interface CheckResult {
  readonly name: string;
  readonly passed: boolean;
  /** The tail of the command's output when it failed. */
  readonly detail: string;
}

export interface UpdateReport {
  readonly before: SpecIdentity;
  readonly after: SpecIdentity;
  readonly changes: readonly Change[];
  readonly patches: readonly PatchOutcome[];
  readonly checks: readonly CheckResult[];
  /** Set when the differ met a shape it does not understand: the changes list is then incomplete. */
  readonly unsupported?: string | undefined;
}

const ORDER: readonly Severity[] = ['breaking', 'needs review', 'non-breaking'];

const CHECKLIST: Record<ChecklistItem, string> = {
  coverage:
    'Response coverage: class every new response field `mapped`, `secret` or `ignored` in `src/core/wire-fields.ts`',
  redact:
    '`redact()`: a new field may carry a code, PIN or link; class it `secret` in `src/core/wire-fields.ts` so `redact()` removes it',
  money:
    'Money: check `scripts/spec/money-fields.ts`, `src/money.ts`, the amount checks in `src/inputs/` and the sandbox amount rules',
  facade:
    'Facade: map or adapt in `src/domain/`, `src/huuray.ts`, `src/orders.ts` (and the `??` defaults pinned in test/spec)',
  sandbox: 'Sandbox handler: make `src/sandbox/` serve and check the new shape',
  contract: 'Contract call: one call per operation in `test/contract/operations.test.ts`',
  cli: 'CLI: decide whether `src/cli/commands/` needs a command, option or column',
  'base-url': '`DEFAULT_BASE_URL` (`src/core/base-url.ts`) and the `servers` patch in `scripts/spec-patches.ts`',
  readme: 'README: the API table and "Things that are easy to get wrong"',
};

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const short = (id: SpecIdentity): string => `${id.version} (OpenAPI ${id.openapi}, sha256 ${id.sha256.slice(0, 12)})`;

export function countBySeverity(changes: readonly Change[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { breaking: 0, 'needs review': 0, 'non-breaking': 0 };
  for (const c of changes) counts[c.severity] += 1;
  return counts;
}

/** Whether the update must exit non-zero: a breaking change, a patch to fix or drop, a failed check or an unreadable diff. */
export function reportFails(report: UpdateReport): boolean {
  return (
    report.unsupported !== undefined ||
    report.changes.some((c) => c.severity === 'breaking') ||
    report.patches.some((p) => p.result !== 'applies') ||
    report.checks.some((c) => !c.passed)
  );
}

export function renderReport(report: UpdateReport): string {
  const counts = countBySeverity(report.changes);
  const lines = [
    `# Huuray spec update: ${short(report.before)} -> ${short(report.after)}`,
    '',
    `**${counts.breaking} breaking, ${counts['needs review']} needs review, ${counts['non-breaking']} non-breaking** (classed for this client, which validates responses and maps them in the facade).`,
    '',
  ];
  if (report.unsupported !== undefined) lines.push(`> **Diff incomplete:** ${report.unsupported}`, '');
  lines.push('## Changes', '');
  if (report.changes.length === 0) lines.push('No API change.', '');
  else {
    lines.push('| class | where | change |', '| --- | --- | --- |');
    const sorted = [...report.changes].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
    for (const c of sorted) lines.push(`| ${c.severity} | \`${cell(c.where)}\` | ${cell(c.what)} |`);
    lines.push('');
  }
  lines.push('## Patches', '', '| patch | result | why |', '| --- | --- | --- |');
  for (const p of report.patches)
    lines.push(`| ${p.patch} | ${p.result} | ${p.result === 'applies' ? '' : cell(p.why)} |`);
  lines.push('');
  if (report.checks.length > 0) {
    lines.push('## Checks', '');
    for (const check of report.checks) {
      lines.push(`- ${check.name}: ${check.passed ? 'passed' : 'FAILED'}`);
      if (!check.passed && check.detail !== '') lines.push('', '```', check.detail.trimEnd(), '```', '');
    }
    lines.push('');
  }
  lines.push('## Checklist', '');
  const items = new Map<ChecklistItem, string[]>();
  for (const c of report.changes) {
    for (const item of c.checklist) items.set(item, [...(items.get(item) ?? []), c.where]);
  }
  const patchWork = report.patches.filter((p) => p.result !== 'applies').map((p) => p.patch);
  if (patchWork.length > 0)
    lines.push(`- [ ] Patches: fix or drop in \`scripts/spec-patches.ts\`: ${patchWork.join(', ')}`);
  for (const item of Object.keys(CHECKLIST) as ChecklistItem[]) {
    const wheres = items.get(item);
    if (wheres !== undefined)
      lines.push(`- [ ] ${CHECKLIST[item]}: ${[...new Set(wheres)].map((w) => `\`${w}\``).join(', ')}`);
  }
  if (patchWork.length === 0 && items.size === 0) lines.push('Nothing to do.');
  return `${lines.join('\n')}\n`;
}
