import type { Wire } from './wire.js';

/** A delivery template (email or SMS) that orders can name as `templateId`. */
export interface Template {
  readonly id: number;
  readonly name: string | null;
  /** The template type as Huuray names it, e.g. `Email` or `SMS`. */
  readonly type: string | null;
  /** ISO 3166 alpha-2 language code. */
  readonly language: string | null;
  readonly sender: string | null;
  readonly subject: string | null;
  readonly formattedText: string | null;
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
