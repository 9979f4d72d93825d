/**
 * Email addresses are compared in one canonical form so that "Ann@Example.com",
 * " ann@example.com " and a full-width "ａｎｎ@example.com" are the same account.
 * The database's unique index is on this form.
 */
export const MAX_EMAIL_LENGTH = 254; // RFC 5321 path limit

export function normalizeEmail(raw: string): string {
  return raw.trim().normalize("NFKC").toLowerCase();
}
