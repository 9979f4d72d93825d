/**
 * What a passkey that did not work is answered with, by the endpoints (./passkeys.ts) and, when
 * no answer came, by the page's script: one wording each, whatever the reason, so that no
 * answer says which credentials exist. No server-only import: the buttons use these too.
 */
export const PASSKEY_REFUSED = "That passkey did not work. Try again, or log in with your email and password.";
/** The same, at the second step of a password login, where a code is the other way on. */
export const PASSKEY_SECOND_FACTOR_REFUSED = "That passkey did not work. Try again, or enter a code.";
/** A login ceremony that ended before its answer came (used, or older than five minutes): the page asks again. */
export const PASSKEY_CEREMONY_EXPIRED = "That took too long. Please choose your passkey again.";
