import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { HuurayValidationError } from '../core/errors/validation-error.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `${journalPath}.lock` for this process. Two runs of one campaign at once could both search a
 * RefID, both find nothing and both send it; the lock makes the second one refuse. A lock left by a
 * process that is gone (killed) is taken over.
 */
export function lockJournal(journalPath: string): () => void {
  const lockPath = `${journalPath}.lock`;
  mkdirSync(dirname(journalPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
        throw new HuurayValidationError('campaign', [
          { path: 'journal', message: `${journalPath} is in use by process ${holder}; wait for it or stop it first` },
        ]);
      }
      unlinkSync(lockPath);
    }
  }
  throw new HuurayValidationError('campaign', [{ path: 'journal', message: `could not lock ${journalPath}` }]);
}
