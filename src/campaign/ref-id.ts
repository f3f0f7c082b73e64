import { createHash } from 'node:crypto';
import { HuurayValidationError } from '../core/errors/validation-error.js';

/** Lower-case letters, digits, dot, dash, underscore; it names the journal file, so no path separators. */
const CAMPAIGN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/;
/** A row's own key: visible ASCII without spaces, so the RefID stays easy to search and quote. */
const ROW_KEY = /^[\x21-\x7E]+$/;
const MAX_REF_ID = 100;

/** Throws unless `name` is 1-60 characters of letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
export function checkCampaignName(name: string): string {
  if (!CAMPAIGN_NAME.test(name)) {
    throw new HuurayValidationError('campaign name', [
      {
        path: 'name',
        message: `must be 1-60 letters, digits, '.', '_' or '-' starting with a letter or digit, got ${JSON.stringify(name)}`,
      },
    ]);
  }
  return name;
}

/** Email trimmed and lower-cased; phone reduced to `+` and digits, so formatting never makes a new key. */
export function normaliseContact(contact: { email?: string | undefined; phone?: string | undefined }): string {
  const email = contact.email?.trim().toLowerCase() ?? '';
  if (email !== '') return `email:${email}`;
  const phone = (contact.phone ?? '').replace(/[^+0-9]/g, '');
  return `phone:${phone}`;
}

/** The first 16 hex characters of SHA-256 of the normalised contact: stable across runs and machines. */
export function contactKey(contact: { email?: string | undefined; phone?: string | undefined }): string {
  return createHash('sha256').update(normaliseContact(contact), 'utf8').digest('hex').slice(0, 16);
}

/**
 * The RefID of a campaign row: `${campaignName}-${key}`. Deterministic, so a re-run of the same file
 * looks up the same RefIDs and never sends a row twice. Returns a problem text instead of throwing, so
 * a file's every bad row can be listed at once.
 */
export function campaignRefId(
  campaignName: string,
  key: string,
):
  | {
      /** `<campaignName>-<key>`. */
      refId: string;
    }
  | {
      /** Why no valid RefID can be made from this key. */
      problem: string;
    } {
  if (!ROW_KEY.test(key)) return { problem: 'refId must be visible ASCII characters without spaces' };
  const refId = `${campaignName}-${key}`;
  if (refId.length > MAX_REF_ID) {
    return {
      problem: `refId makes the RefID ${refId.length} characters long; it must be at most ${MAX_REF_ID} with the campaign name`,
    };
  }
  return { refId };
}
