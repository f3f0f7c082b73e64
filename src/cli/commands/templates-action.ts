import type { Command } from 'commander';
import { withHuuray } from '../context.js';

export function templatesAction(_options: unknown, command: Command): Promise<void> {
  return withHuuray(command, async ({ huuray, out }) => {
    const templates = await huuray.templates();
    out.result(templates, () => {
      if (templates.length === 0) return out.say('no active templates');
      out.table(
        ['Id', 'Name', 'Type', 'Language', 'Subject'],
        templates.map((t) => [String(t.id), t.name ?? '', t.type ?? '', t.language ?? '', t.subject ?? '']),
      );
    });
  });
}
