/**
 * A command's action, imported only when the command runs. `huuray --help`, `--version` and usage errors
 * then load commander and the command definitions alone, not zod, the facade, csv-parse or the sandbox
 * that actions need (issue 14: `huuray --help` at most 1.5x bare node). commander awaits the promise under
 * `parseAsync`, and its preAction hook (the required-option check) runs before the import, so a usage
 * error is still found before anything is loaded or sent.
 */
export function lazyAction<Args extends unknown[]>(
  load: () => Promise<(...args: Args) => unknown>,
): (...args: Args) => Promise<void> {
  return async (...args) => {
    const action = await load();
    await action(...args);
  };
}
