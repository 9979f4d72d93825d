import type { CDPSession, Page } from "@playwright/test";
import { type SoftwarePasskey, softwarePasskey } from "../../lib/auth/passkeys/testing";
import { query, run } from "./db";

/**
 * Chromium's virtual authenticator (the DevTools protocol's WebAuthn domain), and passkeys put
 * straight into the database and into that authenticator, for tests about something other
 * than registering one (e2e/passkeys.spec.ts registers through the page).
 */

export type VirtualAuthenticator = { cdp: CDPSession; authenticatorId: string };

/** A platform authenticator with user verification, on this page's tab; it answers without a prompt. */
export async function virtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

/** The credentials the virtual authenticator holds, with their counters. */
export async function heldCredentials({ cdp, authenticatorId }: VirtualAuthenticator) {
  return (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
}

/** A passkey of the account, as a registration through the page leaves it: the key (to sign with in the test) and the account's id. */
export async function storePasskey(email: string, { name = "Arranged passkey" } = {}): Promise<{ passkey: SoftwarePasskey; userId: string }> {
  const [user] = await query<{ id: string }>('SELECT "id" FROM "User" WHERE "email" = ?', [email]);
  if (!user) throw new Error(`no account ${email}`);
  const passkey = softwarePasskey();
  await run(
    'INSERT INTO "Passkey" ("id", "userId", "publicKey", "counter", "transports", "deviceType", "backedUp", "aaguid", "name", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [passkey.credentialId, user.id, Buffer.from(passkey.publicKey), 0, "internal", "singleDevice", false, "00000000-0000-0000-0000-000000000000", name, new Date()],
  );
  return { passkey, userId: user.id };
}

/** The same, and the key in the virtual authenticator too (so the browser can sign in with it). Returns the key. */
export async function arrangePasskey(email: string, authenticator: VirtualAuthenticator, { name = "Arranged passkey", rpId = "localhost" } = {}): Promise<SoftwarePasskey> {
  const { passkey, userId } = await storePasskey(email, { name });
  await authenticator.cdp.send("WebAuthn.addCredential", {
    authenticatorId: authenticator.authenticatorId,
    credential: {
      credentialId: Buffer.from(passkey.credentialId, "base64url").toString("base64"),
      isResidentCredential: true,
      rpId,
      privateKey: passkey.privateKeyPkcs8,
      userHandle: Buffer.from(userId).toString("base64"),
      signCount: 0,
    },
  });
  return passkey;
}

export type StoredPasskey = { id: string; name: string; counter: number; backedUp: boolean; deviceType: string; lastUsedAt: Date | null };

export async function storedPasskeys(email: string): Promise<StoredPasskey[]> {
  const rows = await query<StoredPasskey>(
    `SELECT p."id", p."name", p."counter", p."backedUp", p."deviceType", p."lastUsedAt" FROM "Passkey" p JOIN "User" u ON u."id" = p."userId" WHERE u."email" = ? ORDER BY p."createdAt"`,
    [email],
  );
  return rows.map((row) => ({ ...row, counter: Number(row.counter) }));
}

/** Makes the browser report no passkey autofill, so that only the button starts a passkey login (the autofill has its own test). */
export async function withoutPasskeyAutofill(page: Page) {
  await page.addInitScript(() => {
    if (window.PublicKeyCredential) Object.defineProperty(window.PublicKeyCredential, "isConditionalMediationAvailable", { value: async () => false });
  });
}
