import type { Command } from 'commander';
import { examples } from '../args.js';
import { lazyAction } from '../lazy-action.js';

export function templatesCommand(program: Command): void {
  program
    .command('templates')
    .description('list delivery templates (email/SMS) to use with --template')
    .addHelpText('after', examples('huuray templates', 'huuray templates --json'))
    .action(lazyAction(async () => (await import('./templates-action.js')).templatesAction));
}
