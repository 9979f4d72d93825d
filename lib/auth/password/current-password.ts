import "server-only";
import { db } from "../../db/client";
import { recordAuthEvent } from "../audit/trail";
import { PasswordWorkBusy, hashForUnknownUser, refuseIfPasswordWorkBusy, verifyPassword } from "./hashing";
import { throttles } from "../throttle/store";
import { currentClient } from "../audit/request-client";
import { type Throttled, throttled } from "../throttle/policies";
import type { PublicUser } from "../account/public-user";

/**
 * "Is this the signed-in user's current password?", asked before a password or an email
 * change: every such question comes here. Whoever holds a stolen session cookie could
 * otherwise guess the password without limit, so each check is counted per account before
 * bcrypt runs (CURRENT_PASSWORD_CHECKS_PER_USER), a refused one runs no bcrypt, and a wrong
 * one goes into the audit trail, where the owner sees it on /account/security.
 */

/** What the password was asked for, as the audit trail tells the owner. */
const ASKED_WHEN = {
  "password-change": "when changing the password",
  "email-change": "when changing the email address",
  "two-factor": "when changing two-factor login",
  passkey: "when adding a passkey",
} as const;

export type CurrentPasswordPurpose = keyof typeof ASKED_WHEN;

export type CurrentPasswordCheck = { ok: true } | { ok: false; reason: "wrong-password" } | Throttled;

export async function confirmCurrentPassword(
  user: Pick<PublicUser, "id">,
  password: string,
  purpose: CurrentPasswordPurpose,
): Promise<CurrentPasswordCheck> {
  refuseIfPasswordWorkBusy();
  const allowed = await throttles.allowCurrentPasswordCheck(user.id);
  if (!allowed.allowed) return throttled(allowed);
  const stored = await db.password.findUnique({ where: { userId: user.id }, select: { hash: true } });
  const matches = await verifyPassword(password, stored?.hash ?? (await hashForUnknownUser())).catch(async (error: unknown) => {
    // Refused by busy threads after it was counted: no password was checked, so it counts for nothing.
    if (error instanceof PasswordWorkBusy) await throttles.forgiveCurrentPasswordCheck(user.id);
    throw error;
  });
  if (stored && matches) return { ok: true };
  await recordAuthEvent("current-password-wrong", user.id, await currentClient(), ASKED_WHEN[purpose]);
  return { ok: false, reason: "wrong-password" };
}
