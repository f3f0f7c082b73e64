import { z } from 'zod';

/** The first record of a journal: the parameters every row was (or will be) sent with. */
export const headerRecord = z.object({
  /** Record kind: the header. */
  type: z.literal('header'),
  /** Journal format version. */
  version: z.literal(1),
  /** Campaign name. */
  name: z.string(),
  /** Product every row is sent. */
  productToken: z.string(),
  /** Currency of every value. */
  currency: z.string(),
  /** Default face value in minor units; `null` when every row has its own. */
  valueMinor: z.number().nullable(),
  /** Delivery template. */
  templateId: z.number(),
  /** RFC 3339 time the journal was started. */
  at: z.string(),
});

/** Written and synced to disk BEFORE the order request leaves, so a crash after it is always reconciled. */
const pendingRecord = z.object({
  /** Record kind: a row. */
  type: z.literal('row'),
  /** About to send: written before the order request leaves. */
  state: z.literal('pending'),
  /** The row's RefID. */
  refId: z.string(),
  /** Line of the row in the CSV file. */
  line: z.number(),
  /** Face value sent, in minor units. */
  valueMinor: z.number(),
  /** RFC 3339 time of the record. */
  at: z.string(),
});

const doneRecord = z.object({
  /** Record kind: a row. */
  type: z.literal('row'),
  /** The order exists. */
  state: z.literal('done'),
  /** The row's RefID. */
  refId: z.string(),
  /** Huuray's order UID. */
  orderUid: z.string(),
  /** `created` now, `reconciled` after a lost answer, `existing` from before. */
  source: z.enum(['created', 'reconciled', 'existing']),
  /** Ids of the order's vouchers (never their codes). */
  voucherIds: z.array(z.number()),
  /** RFC 3339 time of the record. */
  at: z.string(),
});

/** A refusal or error; `definitive` when the API refused (4xx, bad input): retried only when asked. Never a code. */
const failedRecord = z.object({
  /** Record kind: a row. */
  type: z.literal('row'),
  /** The row was refused or failed. */
  state: z.literal('failed'),
  /** The row's RefID. */
  refId: z.string(),
  /** Error class name, e.g. `HuurayUnprocessableError`. */
  error: z.string(),
  /** Error message (never a secret or code). */
  message: z.string(),
  /** `true` when the API refused it (4xx, bad input): retried only when asked. */
  definitive: z.boolean(),
  /** RFC 3339 time of the record. */
  at: z.string(),
});

/** The order may or may not have landed; the next run finds out by searching its RefID. */
const unknownRecord = z.object({
  /** Record kind: a row. */
  type: z.literal('row'),
  /** Outcome unknown; the next run searches before sending. */
  state: z.literal('unknown'),
  /** The row's RefID. */
  refId: z.string(),
  /** What made it unknown. */
  message: z.string(),
  /** RFC 3339 time of the record. */
  at: z.string(),
});

export const rowRecord = z.discriminatedUnion('state', [pendingRecord, doneRecord, failedRecord, unknownRecord]);
export const journalRecord = z.union([headerRecord, rowRecord]);

/** The journal's first record. */
export type JournalHeader = z.infer<typeof headerRecord>;
/** One row record: `pending`, `done`, `failed` or `unknown`. */
export type RowRecord = z.infer<typeof rowRecord>;
/** The state a row record sets. */
export type RowState = RowRecord['state'];

/** Distributes `Omit` over the union, so each state keeps its own fields. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A row record as callers write it; the journal adds `type` and `at`. */
export type RowEntry = OmitEach<RowRecord, 'type' | 'at'>;
