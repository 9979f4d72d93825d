import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { sha256Hex } from "../../crypto/tokens";

/**
 * Throttling and lockout: how many tries an attacker gets (OWASP ASVS 5.0 6.3.1, 2.4.1;
 * NIST SP 800-63B "rate limiting"). Every limit is here, in one place. The counters live
 * wherever the limiter factory keeps them: the database in the app (./store.ts),
 * so every instance sees the same counts; memory in the unit tests.
 *
 * An attempt is counted *before* the password is checked and forgiven afterwards if it
 * succeeds. Fifty simultaneous guesses therefore cannot all slip through while the first
 * ten are still hashing: only the first ten get a bcrypt comparison.
 */

/** Consecutive failed logins for one email (whether or not it has an account)... */
export const LOGIN_FAILURES_PER_EMAIL = 10;
/** ...after which that email is refused for this long. A success resets the count. */
export const EMAIL_LOCKOUT_SECONDS = 15 * 60;
/**
 * Consecutive failed logins for one email, across the 15-minute locks, after which password
 * logins for it stop until the owner unlocks them with a link mailed to the address, or
 * resets the password (NIST SP 800-63B-4, rate limiting: at most 100 consecutive failed
 * attempts on one account). Only a success, a completed reset, the unlock link or the
 * operator clears it.
 */
export const LOGIN_FAILURES_BEFORE_CAP = 100;
/** Failed logins from one client address within the window... */
export const LOGIN_FAILURES_PER_IP = 50;
export const IP_FAILURE_WINDOW_SECONDS = 15 * 60;
/** ...after which that address is refused for this long. */
export const IP_LOCKOUT_SECONDS = 15 * 60;
/** Registration attempts (valid forms, each costing a bcrypt hash) from one address per window. */
export const SIGNUPS_PER_IP = 20;
export const SIGNUP_WINDOW_SECONDS = 60 * 60;
/** "Forgot password" requests for one email (whether or not it has an account) per window... */
export const RESET_REQUESTS_PER_EMAIL = 5;
/** ...and from one client address, for any emails. */
export const RESET_REQUESTS_PER_IP = 20;
export const RESET_REQUEST_WINDOW_SECONDS = 60 * 60;
/**
 * Mail a signed-in account asks for (a new confirmation link, an email change) per window,
 * so a session cannot flood an inbox. An email change's password check also counts below.
 */
export const ACCOUNT_MAIL_REQUESTS_PER_USER = 5;
export const ACCOUNT_MAIL_WINDOW_SECONDS = 60 * 60;
/**
 * Checks of a signed-in account's current password (before a password or an email change)
 * per window, right or wrong (ASVS 5.0 6.3.1; 800-63B rate limiting covers every password
 * check, not only logins): a stolen session cookie buys this many guesses an hour, and no
 * account can keep the bcrypt threads busy from these forms. None is forgiven: a right one
 * goes on to hash a new password, so forgiving it would reopen the bcrypt door.
 */
export const CURRENT_PASSWORD_CHECKS_PER_USER = 10;
export const CURRENT_PASSWORD_WINDOW_SECONDS = 60 * 60;
/** Requests to the JSON API from one address per window. */
export const API_REQUESTS_PER_IP = 120;
export const API_WINDOW_SECONDS = 60;

export type LimiterOptions = { keyPrefix: string; points: number; duration: number; blockDuration?: number };
export type LimiterFactory = (options: LimiterOptions) => RateLimiterAbstract;
/**
 * Several limiters' counts for their keys, read without counting: one query in the app's
 * store (./store.ts), which a second step runs on every code; each limiter's own `get` here.
 */
export type CountReader = (reads: Array<{ limiter: RateLimiterAbstract; key: string }>) => Promise<Array<RateLimiterRes | null>>;

const oneByOne: CountReader = (reads) => Promise.all(reads.map(({ limiter, key }) => limiter.get(key)));

/** A refused request and how long until the same request would be accepted. */
export type Refusal = { allowed: false; retryAfterMs: number };
type Allowed = { allowed: true };

/** What a flow answers when a throttle refused its request. */
export type Throttled = { ok: false; reason: "throttled"; retryAfterMs: number };

export function throttled(refusal: Refusal): Throttled {
  return { ok: false, reason: "throttled", retryAfterMs: refusal.retryAfterMs };
}

/** A login refused because its email reached LOGIN_FAILURES_BEFORE_CAP: no time helps, only an unlock. */
export type Capped = { allowed: false; capped: true };
const CAPPED: Capped = { allowed: false, capped: true };

/** A login attempt that may go ahead; report its outcome exactly once. */
export type LoginAttempt = Allowed & {
  succeeded(): Promise<void>;
  /**
   * Records the failure. `lockedOut`: it locked the email or the address out for a while;
   * `capped`: it was the email's LOGIN_FAILURES_BEFORE_CAP-th in a row (exactly one attempt per cap is).
   */
  failed(): Promise<{ lockedOut: boolean; capped: boolean }>;
  /** Gives back what the attempt counted, when no password or code was checked after all. */
  abandoned(): Promise<void>;
};

export type Throttles = ReturnType<typeof createThrottles>;

/** Whole minutes, rounded up, never zero. */
export function retryAfterMinutes(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 60_000));
}

/** What a person is told when a limit refuses them; the same whichever limit it was. */
export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const minutes = retryAfterMinutes(retryAfterMs);
  return `Too many attempts, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/** Emails are counted under a hash: the table never holds an address someone mistyped. */
function emailKey(email: string): string {
  return sha256Hex(email);
}

/** Takes one point; a refusal when the limiter says no. Store errors are real errors. */
async function take(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes | Refusal> {
  try {
    return await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterMs: rejection.msBeforeNext };
    throw rejection;
  }
}

/** Counts one more failure for a key; the count, whether or not the limiter now refuses it. */
async function countFailure(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    return (await limiter.consume(key)).consumedPoints;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return rejection.consumedPoints;
    throw rejection;
  }
}

/**
 * A counter stored over its limit is a lockout in force until it expires: rate-limiter-flexible's
 * block writes one point over, always with an end (a store in memory may still hold it after).
 */
function lockInForce(count: RateLimiterRes | null, limit: number): Refusal | null {
  return count && count.consumedPoints > limit && count.msBeforeNext > 0 ? { allowed: false, retryAfterMs: count.msBeforeNext } : null;
}

function isRefusal(result: RateLimiterRes | Refusal): result is Refusal {
  return !(result instanceof RateLimiterRes);
}

type Counted = { byEmail: string; emailCount: RateLimiterRes; ipCount: RateLimiterRes };

/**
 * Takes a point for the email (under its hash), then one for the address. When the address
 * is refused, the email's point is given back: a flood from one address must not use up
 * the owner's own tries from elsewhere.
 */
async function takeForEmailAndIp(
  byEmailLimiter: RateLimiterAbstract,
  byIpLimiter: RateLimiterAbstract,
  email: string,
  ip: string,
): Promise<Counted | Refusal> {
  const byEmail = emailKey(email);
  const emailCount = await take(byEmailLimiter, byEmail);
  if (isRefusal(emailCount)) return emailCount;
  const ipCount = await take(byIpLimiter, ip);
  if (isRefusal(ipCount)) {
    await byEmailLimiter.reward(byEmail);
    return ipCount;
  }
  return { byEmail, emailCount, ipCount };
}

export function createThrottles(makeLimiter: LimiterFactory, readCounts: CountReader = oneByOne) {
  const failuresByEmail = makeLimiter({
    keyPrefix: "login-email",
    points: LOGIN_FAILURES_PER_EMAIL,
    duration: 0, // consecutive: no window, only a success or a lockout clears it
    blockDuration: EMAIL_LOCKOUT_SECONDS,
  });
  // The same failures again, never forgotten with time: the 15-minute locks do not clear it.
  const failuresBeforeCap = makeLimiter({ keyPrefix: "login-cap", points: LOGIN_FAILURES_BEFORE_CAP, duration: 0 });
  const failuresByIp = makeLimiter({
    keyPrefix: "login-ip",
    points: LOGIN_FAILURES_PER_IP,
    duration: IP_FAILURE_WINDOW_SECONDS,
    blockDuration: IP_LOCKOUT_SECONDS,
  });
  const signupsByIp = makeLimiter({ keyPrefix: "signup-ip", points: SIGNUPS_PER_IP, duration: SIGNUP_WINDOW_SECONDS });
  // Counted in each instance's memory, unlike every other limit here: it only slows a flood
  // (the lockouts above are what guessing meets), and a count in the database would make each
  // API request, a refused one too, a database write. With several instances an address gets
  // this many per instance; the platform's firewall is the limit in front of them all.
  const apiRequestsByIp = new RateLimiterMemory({ keyPrefix: "api-ip", points: API_REQUESTS_PER_IP, duration: API_WINDOW_SECONDS });
  const resetsByEmail = makeLimiter({ keyPrefix: "reset-email", points: RESET_REQUESTS_PER_EMAIL, duration: RESET_REQUEST_WINDOW_SECONDS });
  const resetsByIp = makeLimiter({ keyPrefix: "reset-ip", points: RESET_REQUESTS_PER_IP, duration: RESET_REQUEST_WINDOW_SECONDS });
  const accountMailByUser = makeLimiter({
    keyPrefix: "account-mail",
    points: ACCOUNT_MAIL_REQUESTS_PER_USER,
    duration: ACCOUNT_MAIL_WINDOW_SECONDS,
  });

  const currentPasswordChecksByUser = makeLimiter({
    keyPrefix: "current-password",
    points: CURRENT_PASSWORD_CHECKS_PER_USER,
    duration: CURRENT_PASSWORD_WINDOW_SECONDS,
  });

  /** Forgets an email's failed logins, both counts: the owner has shown the account is theirs. */
  async function clearLoginFailures(email: string): Promise<void> {
    const byEmail = emailKey(email);
    await Promise.all([failuresByEmail.delete(byEmail), failuresBeforeCap.delete(byEmail)]);
  }

  /**
   * The lock in force for a login's email or address, read, not counted: a refusal of a key
   * already locked writes nothing, so a storm against a locked account costs the database
   * one read per attempt. `capAt`: the stored count from which the email counts as capped.
   */
  async function lockedOut(byEmail: string, ip: string, capAt: number): Promise<Refusal | Capped | null> {
    const [cap = null, emailLock = null, ipLock = null] = await readCounts([
      { limiter: failuresBeforeCap, key: byEmail },
      { limiter: failuresByEmail, key: byEmail },
      { limiter: failuresByIp, key: ip },
    ]);
    if (cap && cap.consumedPoints >= capAt) return CAPPED;
    return lockInForce(emailLock, LOGIN_FAILURES_PER_EMAIL) ?? lockInForce(ipLock, LOGIN_FAILURES_PER_IP);
  }

  /**
   * May this login be checked at all? Refusals cost no bcrypt and count against nothing. A
   * capped email is refused first, whatever else holds, so its answer never changes with time.
   * A lock already in force is read first; the points taken after it settle the attempts
   * that race it. `beforeCounting` runs between the two.
   */
  async function beginLogin(email: string, ip: string, { beforeCounting = () => {} } = {}): Promise<LoginAttempt | Refusal | Capped> {
    const byEmail = emailKey(email);
    // One more point would pass the cap from LOGIN_FAILURES_BEFORE_CAP on.
    const locked = await lockedOut(byEmail, ip, LOGIN_FAILURES_BEFORE_CAP);
    if (locked) return locked;
    beforeCounting(); // may throw (busy password threads): then nothing was counted
    const capCount = await take(failuresBeforeCap, byEmail);
    if (isRefusal(capCount)) {
      // Given back, so that only an attempt that ran bcrypt moves the count (and exactly one reaches the cap).
      await failuresBeforeCap.reward(byEmail);
      return CAPPED;
    }
    const counted = await takeForEmailAndIp(failuresByEmail, failuresByIp, email, ip);
    if ("allowed" in counted) {
      await failuresBeforeCap.reward(byEmail);
      return counted;
    }
    const { emailCount, ipCount } = counted;
    const giveBack = async () => void (await Promise.all([failuresBeforeCap.reward(byEmail), failuresByEmail.reward(byEmail), failuresByIp.reward(ip)]));
    return attemptOutcome(email, ip, giveBack, async () => ({
      // The attempt was counted when it began.
      cap: capCount.consumedPoints,
      email: emailCount.consumedPoints,
      ip: ipCount.consumedPoints,
    }));
  }

  /**
   * The second step of a login whose password was right (a code, after two-factor): that
   * attempt is still counted, so this step takes no new points and, when allowed, writes
   * nothing. It is refused while the email or the address is locked out, or past the cap; a
   * wrong code is then counted as one more failure, like a wrong password.
   */
  async function resumeLogin(email: string, ip: string): Promise<LoginAttempt | Refusal | Capped> {
    const byEmail = emailKey(email);
    // This login's own point is among the stored ones: capped only past LOGIN_FAILURES_BEFORE_CAP.
    const locked = await lockedOut(byEmail, ip, LOGIN_FAILURES_BEFORE_CAP + 1);
    if (locked) return locked;
    return attemptOutcome(email, ip, async () => {}, async () => {
      const [capCount, emailCount, ipCount] = await Promise.all([
        countFailure(failuresBeforeCap, byEmail),
        countFailure(failuresByEmail, byEmail),
        countFailure(failuresByIp, ip),
      ]);
      return { cap: capCount, email: emailCount, ip: ipCount };
    });
  }

  /**
   * What an allowed attempt does at its end. A success forgets the email's failures and gives
   * the address its point back; a failure, counted by `failures`, starts the lockout that it
   * reaches.
   */
  function attemptOutcome(
    email: string,
    ip: string,
    abandoned: () => Promise<void>,
    failures: () => Promise<{ cap: number; email: number; ip: number }>,
  ): LoginAttempt {
    return {
      allowed: true,
      abandoned,
      async succeeded() {
        await Promise.all([clearLoginFailures(email), failuresByIp.reward(ip)]);
      },
      async failed() {
        const counts = await failures();
        const emailFull = counts.email >= LOGIN_FAILURES_PER_EMAIL;
        const ipFull = counts.ip >= LOGIN_FAILURES_PER_IP;
        await Promise.all([
          emailFull && failuresByEmail.block(emailKey(email), EMAIL_LOCKOUT_SECONDS),
          ipFull && failuresByIp.block(ip, IP_LOCKOUT_SECONDS),
        ]);
        // No block needed for the cap: its count never expires, and the next attempt exceeds it.
        return { lockedOut: emailFull || ipFull, capped: counts.cap >= LOGIN_FAILURES_BEFORE_CAP };
      },
    };
  }

  async function allow(limiter: RateLimiterAbstract, ip: string): Promise<Allowed | Refusal> {
    const result = await take(limiter, ip);
    return isRefusal(result) ? result : { allowed: true };
  }

  /** Counts a "forgot password" request against the email and the address, like a login. */
  async function allowPasswordResetRequest(email: string, ip: string): Promise<Allowed | Refusal> {
    const counted = await takeForEmailAndIp(resetsByEmail, resetsByIp, email, ip);
    return "allowed" in counted ? counted : { allowed: true };
  }

  return {
    beginLogin,
    resumeLogin,
    clearLoginFailures,
    allowPasswordResetRequest,
    /** Counts a confirmation-link or email-change request by a signed-in account. */
    allowAccountMailRequest: (userId: string) => allow(accountMailByUser, userId),
    /** Counts a check of a signed-in account's current password, before bcrypt runs. */
    allowCurrentPasswordCheck: (userId: string) => allow(currentPasswordChecksByUser, userId),
    /** Gives back a check that was counted but never ran (the password threads were busy). */
    forgiveCurrentPasswordCheck: async (userId: string) => void (await currentPasswordChecksByUser.reward(userId)),
    /** Counts a registration attempt from this address. */
    allowSignup: (ip: string) => allow(signupsByIp, ip),
    /** Gives back a registration that was counted but never hashed (the password threads were busy). */
    forgiveSignup: async (ip: string) => void (await signupsByIp.reward(ip)),
    /** Counts a JSON API request from this address. */
    allowApiRequest: (ip: string) => allow(apiRequestsByIp, ip),
  };
}
