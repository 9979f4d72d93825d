import "server-only";
import { PASSKEY_CHALLENGE_COOKIE, PASSKEY_CHALLENGE_LIFETIME_MS } from "../auth/passkeys/challenge";
import { CHALLENGE_COOKIE, CHALLENGE_LIFETIME_MS, TWO_FACTOR_LOGIN_PATH } from "../auth/two-factor/challenge";
import { challengeCookie } from "../http/challenge-cookie";

/**
 * The browser's two challenge cookies. A login waiting for its second factor: sent to the
 * two-factor page and its passkey endpoints only, and along with the redirect there (Lax).
 */
export const loginChallengeCookie = challengeCookie({ name: CHALLENGE_COOKIE, path: TWO_FACTOR_LOGIN_PATH, sameSite: "lax", lifetimeMs: CHALLENGE_LIFETIME_MS });

/** A passkey ceremony between its options and its answer (login, second factor or registration). */
export const passkeyChallengeCookie = challengeCookie({ name: PASSKEY_CHALLENGE_COOKIE, path: "/", sameSite: "strict", lifetimeMs: PASSKEY_CHALLENGE_LIFETIME_MS });
