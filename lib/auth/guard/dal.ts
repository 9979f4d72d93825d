import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { readSessionToken } from "../nextauth/edge-config";
import { loginPathFor, sanitizeNextPath } from "./next-path";
import { type ValidSession, findValidSession } from "../session/rows";
import type { PublicUser } from "../account/public-user";
import { hasTwoFactor } from "../two-factor/store";

/**
 * The data-access layer's view of who is asking. Middleware only makes an optimistic
 * check and can be bypassed, so every protected page, action and route handler asks here.
 * Wrapped in React's cache() so one request reads the session once.
 *
 * A token is only a pointer: the session record it names must exist, be within its idle
 * and absolute limits, and belong to an active account (lib/auth/session/rows.ts).
 */
type SessionCheck = { status: "active"; session: ValidSession } | { status: "ended" } | { status: "none" };

const checkSession = cache(async (): Promise<SessionCheck> => {
  const token = await readSessionToken(await cookies());
  if (!token) return { status: "none" };
  const session = await findValidSession(token.userId, token.sessionSecret);
  // Expired, idle, signed out elsewhere or deactivated: the visitor is logged out.
  return session ? { status: "active", session } : { status: "ended" };
});

export async function getCurrentUser(): Promise<PublicUser | null> {
  const check = await checkSession();
  return check.status === "active" ? check.session.user : null;
}

/** Where a visitor without a valid session goes to log in, then back to `returnTo`. */
function loginRedirect(check: SessionCheck, returnTo: string): never {
  const path = loginPathFor(returnTo);
  // Someone whose session just ended is told why they are asked to log in again.
  redirect(check.status === "ended" ? `${path}&notice=session-expired` : path);
}

/** The signed-in user and their session record, or a redirect to log in and come back. */
export async function requireSession(returnTo: string): Promise<ValidSession> {
  const check = await checkSession();
  if (check.status !== "active") loginRedirect(check, returnTo);
  return check.session;
}

/** The signed-in user, or a redirect to the login page that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<PublicUser> {
  return (await requireSession(returnTo)).user;
}

/**
 * Whether the visitor may use staff's pages: the one place that decides. The role is read
 * from the database on every request (with the session), so revoking it acts at once.
 */
export type AdminCheck =
  | { status: "admin"; user: PublicUser }
  | { status: "needs-two-factor" }
  | { status: "customer" }
  | { status: "anonymous" };

/** Where an admin without two-factor is sent to set it up before any staff page opens. */
export const STAFF_TWO_FACTOR_SETUP = "/account/security?notice=staff-need-two-factor#two-factor";

export async function checkAdmin(): Promise<AdminCheck> {
  const user = await getCurrentUser();
  if (!user) return { status: "anonymous" };
  if (user.role !== "admin") return { status: "customer" };
  // Staff accounts change what every customer sees: their login needs a second factor.
  return (await hasTwoFactor(user.id)) ? { status: "admin", user } : { status: "needs-two-factor" };
}

/**
 * For staff's pages: a visitor is sent to log in, a signed-in customer gets the 403 page,
 * an admin without two-factor is sent to set it up.
 */
export async function requireAdmin(returnTo: string): Promise<PublicUser> {
  const check = await checkAdmin();
  if (check.status === "customer") forbidden();
  if (check.status === "needs-two-factor") redirect(STAFF_TWO_FACTOR_SETUP);
  if (check.status === "anonymous") return requireUser(returnTo); // redirects, with the right notice
  return check.user;
}

/** For the login and register pages: a signed-in visitor goes straight on to `next`. */
export async function requireAnonymous(next: unknown): Promise<void> {
  if (await getCurrentUser()) redirect(sanitizeNextPath(next));
}
