import { describe, expect, it } from 'vitest';
import { AttemptAbort } from '../../src/core/attempt-abort.js';

describe('AttemptAbort', () => {
  it('calls its listener once with the first reason and keeps that reason', () => {
    const abort = new AttemptAbort();
    const heard: unknown[] = [];
    abort.onAbort((reason) => heard.push(reason));
    expect(abort.aborted).toBe(false);
    abort.abort('first');
    abort.abort('second');
    expect(heard).toEqual(['first']);
    expect(abort.aborted).toBe(true);
    expect(abort.reason).toBe('first');
  });

  it('calls no listener that was removed, or set after the abort', () => {
    const abort = new AttemptAbort();
    const heard: unknown[] = [];
    abort.onAbort((reason) => heard.push(reason));
    abort.onAbort(undefined);
    abort.abort('gone');
    abort.onAbort((reason) => heard.push(reason));
    expect(heard).toEqual([]);
  });

  it('gives fetch a signal that aborts with it, or is already aborted', () => {
    const live = new AttemptAbort();
    const signal = live.toSignal();
    expect(signal.aborted).toBe(false);
    const reason = Symbol('timed out');
    live.abort(reason);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
    const done = new AttemptAbort();
    done.abort('early');
    expect(done.toSignal().reason).toBe('early');
  });
});
