/** What every operation handler receives. Handlers are synchronous: see `order.ts` for why. */
import type { SandboxAccount } from '../accounts.js';
import type { Fault } from '../faults.js';
import type { HandlerResult } from '../responses.js';
import type { SandboxState } from '../state.js';

export interface RequestContext {
  readonly state: SandboxState;
  readonly account: SandboxAccount;
  /** The parsed JSON body, or undefined when the request had none. */
  readonly body: unknown;
  readonly query: URLSearchParams;
  /** How long an async order stays pending before its vouchers exist. */
  readonly asyncDelayMs: number;
  /** Runs `work` after `ms`, unless the sandbox is closed first; `state.settled()` waits for it. */
  schedule(ms: number, work: () => void): void;
  /** The fault this request meets, for the faults a handler plays (Search's). */
  readonly fault?: Fault | undefined;
}

export type Handler = (context: RequestContext) => HandlerResult;
