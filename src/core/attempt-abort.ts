/**
 * How one attempt is called off: by its time limit or by the caller's signal. The transport makes
 * one per attempt and the wire listens to it. An `AbortController` per attempt did the same at about
 * ten times the cost (on Node 20 every `AbortSignal` is an `EventTarget` made transferable), which
 * showed in bulk sending, where there are two attempts per row. The `fetch` wire, which needs a real
 * `AbortSignal`, makes one from this.
 */
export class AttemptAbort {
  #aborted = false;
  #reason: unknown;
  #listener: ((reason: unknown) => void) | undefined;

  /** Whether the attempt has been called off. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** Why: the caller's abort reason, or the transport's own mark for the time limit. */
  get reason(): unknown {
    return this.#reason;
  }

  /**
   * Has `listener` called once, when the attempt is called off; `undefined` removes it. There is one
   * listener (the wire's); it is not called for an abort that happened before it was set.
   */
  onAbort(listener: ((reason: unknown) => void) | undefined): void {
    this.#listener = listener;
  }

  /** Calls the attempt off with `reason`; only the first call counts. */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    const listener = this.#listener;
    this.#listener = undefined;
    listener?.(reason);
  }

  /** An `AbortSignal` that aborts with this attempt, for APIs that take one (`fetch`). */
  toSignal(): AbortSignal {
    if (this.#aborted) return AbortSignal.abort(this.#reason);
    const controller = new AbortController();
    this.onAbort((reason) => controller.abort(reason));
    return controller.signal;
  }
}
