import { HuurayValidationError, type ValidationIssue } from '../core/errors/validation-error.js';
import type { LedgerQuery, LedgerState, Settlement } from '../ledger/types.js';

export const LEDGER_STATES: readonly LedgerState[] = ['in-flight', 'done', 'refused', 'in-doubt'];
const MAX_MS = 2_147_483_647;

type Check = readonly [path: string, ok: boolean, message: string];

function refuse(subject: string, checks: readonly Check[]): void {
  const issues: ValidationIssue[] = checks.filter(([, ok]) => !ok).map(([path, , message]) => ({ path, message }));
  if (issues.length > 0) throw new HuurayValidationError(subject, issues);
}

const text = (value: unknown) => typeof value === 'string' && value.length > 0 && value.length <= 1000;
const millis = (value: unknown, min: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= MAX_MS;

export function checkClaim(refId: unknown, fingerprint: unknown, holder: unknown, leaseMs: unknown): void {
  refuse('ledger claim', [
    ['refId', text(refId), 'must be a non-empty string'],
    ['fingerprint', text(fingerprint), 'must be a non-empty string'],
    ['holder', text(holder), 'must be a non-empty string'],
    ['leaseMs', millis(leaseMs, 1), 'must be a whole number of milliseconds from 1'],
  ]);
}

export function checkRenew(refId: unknown, holder: unknown, leaseMs: unknown): void {
  refuse('ledger renew', [
    ['refId', text(refId), 'must be a non-empty string'],
    ['holder', text(holder), 'must be a non-empty string'],
    ['leaseMs', millis(leaseMs, 1), 'must be a whole number of milliseconds from 1'],
  ]);
}

export function checkSettlement(subject: string, refId: unknown, settlement: Settlement): void {
  const s = settlement as { state?: unknown; orderUid?: unknown; reason?: unknown; since?: unknown };
  const known = s.state === 'done' || s.state === 'refused' || s.state === 'in-doubt';
  refuse(subject, [
    ['refId', text(refId), 'must be a non-empty string'],
    ['settlement.state', known, "must be 'done', 'refused' or 'in-doubt'"],
    ['settlement.orderUid', s.state !== 'done' || text(s.orderUid), 'a done settlement needs the OrderUID'],
    ['settlement.reason', s.state === 'done' || !known || text(s.reason), 'must say why, in 1-1000 characters'],
    [
      'settlement.since',
      s.since === undefined || (typeof s.since === 'number' && Number.isSafeInteger(s.since) && s.since > 0),
      'must be a time in ms since the epoch',
    ],
  ]);
}

export function checkWait(refId: unknown, maxWaitMs: unknown): void {
  refuse('ledger wait', [
    ['refId', text(refId), 'must be a non-empty string'],
    ['maxWaitMs', millis(maxWaitMs, 0), 'must be a whole number of milliseconds from 0'],
  ]);
}

/** The states a query asks for, checked; `null` for all. */
export function queryStates(query: LedgerQuery): LedgerState[] | null {
  const states = query.state === undefined ? null : typeof query.state === 'string' ? [query.state] : [...query.state];
  refuse('ledger query', [
    [
      'state',
      states === null || (Array.isArray(states) && states.every((s) => LEDGER_STATES.includes(s))),
      `must be one or more of ${LEDGER_STATES.join(', ')}`,
    ],
    [
      'limit',
      query.limit === undefined || (Number.isInteger(query.limit) && query.limit >= 1),
      'must be a whole number from 1',
    ],
    ['refIdPrefix', query.refIdPrefix === undefined || typeof query.refIdPrefix === 'string', 'must be a string'],
  ]);
  return states;
}
