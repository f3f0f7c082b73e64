import { fdatasync, write } from 'node:fs';

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

function writeChunk(fd: number, bytes: Buffer): Promise<number> {
  return new Promise((resolve, reject) =>
    write(fd, bytes, 0, bytes.length, null, (error, written) => (error ? reject(error) : resolve(written))),
  );
}

/** `write` may take fewer bytes than given (a full disk, a signal): keep writing the rest. */
async function writeAll(fd: number, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) offset += await writeChunk(fd, bytes.subarray(offset));
}

function dataSync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

/**
 * Group commit for an append-only file: every text appended while a write and sync are in progress
 * goes into the next batch, written with one `write` and made durable with one `fdatasync`. Each
 * `append` resolves only once the sync covering its bytes has returned, so a caller that awaits it
 * knows its record is on disk, exactly as with a sync per record, while N callers pay for about one
 * sync instead of N, and the event loop is never blocked on the disk.
 *
 * `fdatasync` rather than `fsync`: it flushes the data and the file size (what reading it back needs),
 * leaving out only timestamps. After a failed write or sync nothing is known about what reached the
 * disk (a failed fsync may have dropped the pages), so every waiting and later append fails with it.
 */
export class GroupCommit {
  readonly #fd: number;
  #queued: string[] = [];
  #waiters: Waiter[] = [];
  #flushing: Promise<void> | null = null;
  #failure: { readonly error: unknown } | null = null;
  #syncs = 0;

  /** `fd` must be open for appending and written by nothing else while this commits to it. */
  constructor(fd: number) {
    this.#fd = fd;
  }

  /** Syncs done so far: one per batch. */
  get syncs(): number {
    return this.#syncs;
  }

  /** Appends `text`; resolves once it is durable, rejects if writing or syncing the batch failed. */
  append(text: string): Promise<void> {
    if (this.#failure !== null) return Promise.reject(this.#failure.error);
    return new Promise<void>((resolve, reject) => {
      this.#queued.push(text);
      this.#waiters.push({ resolve, reject });
      this.#flushing ??= this.#drain();
    });
  }

  /** Resolves when nothing is being written: every append so far is durable or has failed. */
  async idle(): Promise<void> {
    while (this.#flushing !== null) await this.#flushing.catch(() => undefined);
  }

  async #drain(): Promise<void> {
    // Appends made in the same tick as the first (every worker of a run starting at once) join its batch.
    await Promise.resolve();
    try {
      while (this.#queued.length > 0) {
        const batch = this.#queued;
        const waiters = this.#waiters;
        this.#queued = [];
        this.#waiters = [];
        try {
          await writeAll(this.#fd, Buffer.from(batch.join(''), 'utf8'));
          await dataSync(this.#fd);
          this.#syncs++;
        } catch (error) {
          this.#failure = { error };
          const failed = [...waiters, ...this.#waiters];
          this.#queued = [];
          this.#waiters = [];
          for (const waiter of failed) waiter.reject(error);
          return;
        }
        for (const waiter of waiters) waiter.resolve();
      }
    } finally {
      this.#flushing = null;
    }
  }
}
