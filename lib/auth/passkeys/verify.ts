import "server-only";
import type { PublicUser } from "../account/public-user";
import { type PasskeyPurpose, takePasskeyChallenge } from "./challenge";
import type { RelyingParty } from "./relying-party";
import { findPasskey, recordPasskeyUse } from "./store";
import { checkAssertion, readAssertion } from "./webauthn";

export type PasskeyAnswer =
  | { ok: true; user: PublicUser }
  /** `expired`: the browser's cookie named no live ceremony of this purpose. `claimedUserId`: the account of the passkey the answer names, for the audit trail. */
  | { ok: false; reason: "expired" | "refused"; claimedUserId: string | null };

/**
 * A browser's answer to a login ceremony, checked all the way: the ceremony its cookie names,
 * used up whatever follows; the assertion's shape; the stored passkey it names; an active
 * account; with `expectedUserId`, a ceremony and a passkey of that account only; the
 * signature; and the use recorded, once per counter value. The passkey's account, or why not.
 */
export async function verifyPasskeyAnswer(
  rp: RelyingParty,
  purpose: Exclude<PasskeyPurpose, "register">,
  challengeSecret: unknown,
  response: unknown,
  expectedUserId?: string,
): Promise<PasskeyAnswer> {
  const taken = await takePasskeyChallenge(challengeSecret, purpose);
  const assertion = readAssertion(response);
  const passkey = assertion && (await findPasskey(assertion.id));
  const refused = (reason: "expired" | "refused") => ({ ok: false, reason, claimedUserId: passkey?.user.id ?? null }) as const;
  if (!taken) return refused("expired");
  if (!assertion || !passkey || !passkey.user.active) return refused("refused");
  if (expectedUserId !== undefined && (taken.userId !== expectedUserId || passkey.user.id !== expectedUserId)) return refused("refused");
  const use = await checkAssertion(rp, assertion, taken.challenge, passkey);
  if (!use || !(await recordPasskeyUse(passkey, use))) return refused("refused");
  const { active: _active, ...user } = passkey.user;
  return { ok: true, user };
}
