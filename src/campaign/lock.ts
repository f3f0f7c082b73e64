import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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

/** Journals locked by this process: a lock file naming our own PID says nothing about which run holds it. */
const heldHere = new Set<string>();

function inUse(journalPath: string, by: string): HuurayValidationError {
  return new HuurayValidationError('campaign', [
    { path: 'journal', message: `${journalPath} is in use by ${by}; wait for it or stop it first` },
  ]);
}

/**
 * Takes `${journalPath}.lock` for this run. Two runs of one campaign at once could both search a
 * RefID, both find nothing and both send it; the lock makes the second one refuse, whether it is in
 * another process (the lock file) or in this one (an in-process registry: the file holds only a PID,
 * which is the same for two runs in one process). A lock left by a process that is gone (killed), or
 * by this PID when no run of this process holds it (a PID reused after a restart), is taken over.
 */
export function lockJournal(journalPath: string): () => void {
  const key = resolve(journalPath);
  if (heldHere.has(key)) throw inUse(journalPath, 'another run in this process');
  const lockPath = `${journalPath}.lock`;
  mkdirSync(dirname(journalPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(key);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(key);
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
        throw inUse(journalPath, `process ${holder}`);
      }
      unlinkSync(lockPath);
    }
  }
  throw new HuurayValidationError('campaign', [{ path: 'journal', message: `could not lock ${journalPath}` }]);
}
