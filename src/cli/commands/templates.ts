import type { Command } from 'commander';
import { examples } from '../args.js';
import { withHuuray } from '../context.js';

export function templatesCommand(program: Command): void {
  program
    .command('templates')
    .description('list delivery templates (email/SMS) to use with --template')
    .addHelpText('after', examples('huuray templates', 'huuray templates --json'))
    .action((_options, command: Command) =>
      withHuuray(command, async ({ huuray, out }) => {
        const templates = await huuray.templates();
        out.result(templates, () => {
          if (templates.length === 0) return out.say('no active templates');
          out.table(
            ['Id', 'Name', 'Type', 'Language', 'Subject'],
            templates.map((t) => [String(t.id), t.name ?? '', t.type ?? '', t.language ?? '', t.subject ?? '']),
          );
        });
      }),
    );
}
