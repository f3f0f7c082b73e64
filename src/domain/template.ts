import type { Wire } from './wire.js';

/** A delivery template (email or SMS) that orders can name as `templateId`. */
export interface Template {
  /** What `templateId` takes. */
  readonly id: number;
  /** Name given in the dashboard. */
  readonly name: string | null;
  /** The template type as Huuray names it, e.g. `Email` or `SMS`. */
  readonly type: string | null;
  /** ISO 3166 alpha-2 language code. */
  readonly language: string | null;
  /** Sender name of the email or SMS. */
  readonly sender: string | null;
  /** Email subject. */
  readonly subject: string | null;
  /** HTML body. */
  readonly formattedText: string | null;
  /** Plain-text body. */
  readonly plainText: string | null;
}

export function toTemplates(response: Wire<'zTemplateResponse'>): Template[] {
  return (response.Templates ?? []).map((t) => ({
    id: t.Id ?? 0,
    name: t.Name ?? null,
    type: t.Type ?? null,
    language: t.Language ?? null,
    sender: t.Sender ?? null,
    subject: t.Subject ?? null,
    formattedText: t.FormattedText ?? null,
    plainText: t.PlainText ?? null,
  }));
}
