import { z } from 'zod';

/** The first record of a journal: the parameters every row was (or will be) sent with. */
export const headerRecord = z.object({
  type: z.literal('header'),
  version: z.literal(1),
  name: z.string(),
  productToken: z.string(),
  currency: z.string(),
  valueMinor: z.number().nullable(),
  templateId: z.number(),
  at: z.string(),
});

/** Written and fsync'd BEFORE the order request leaves, so a crash after it is always reconciled. */
const pendingRecord = z.object({
  type: z.literal('row'),
  state: z.literal('pending'),
  refId: z.string(),
  line: z.number(),
  valueMinor: z.number(),
  at: z.string(),
});

const doneRecord = z.object({
  type: z.literal('row'),
  state: z.literal('done'),
  refId: z.string(),
  orderUid: z.string(),
  source: z.enum(['created', 'reconciled', 'existing']),
  voucherIds: z.array(z.number()),
  at: z.string(),
});

/** A refusal or error; `definitive` when the API refused (4xx, bad input): retried only when asked. Never a code. */
const failedRecord = z.object({
  type: z.literal('row'),
  state: z.literal('failed'),
  refId: z.string(),
  error: z.string(),
  message: z.string(),
  definitive: z.boolean(),
  at: z.string(),
});

/** The order may or may not have landed; the next run finds out by searching its RefID. */
const unknownRecord = z.object({
  type: z.literal('row'),
  state: z.literal('unknown'),
  refId: z.string(),
  message: z.string(),
  at: z.string(),
});

export const rowRecord = z.discriminatedUnion('state', [pendingRecord, doneRecord, failedRecord, unknownRecord]);
export const journalRecord = z.union([headerRecord, rowRecord]);

export type JournalHeader = z.infer<typeof headerRecord>;
export type RowRecord = z.infer<typeof rowRecord>;
export type RowState = RowRecord['state'];

/** Distributes `Omit` over the union, so each state keeps its own fields. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A row record as callers write it; the journal adds `type` and `at`. */
export type RowEntry = OmitEach<RowRecord, 'type' | 'at'>;
