import "server-only";
import {
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { z } from "zod";
import type { PublicUser } from "../account/public-user";
import type { RelyingParty } from "./relying-party";
import type { NewPasskey, PasskeyUse, StoredPasskey } from "./store";

/**
 * The two WebAuthn ceremonies, on top of @simplewebauthn/server: options for the browser, and
 * the check of its answer. User verification (a PIN, a fingerprint, the device's lock) is
 * required both times, so a passkey alone is two factors. The options' challenge is 32 random
 * bytes made by the library; the caller stores it (./challenge.ts). A malformed answer, a
 * wrong signature, origin, relying party or challenge, a counter that went backwards: each
 * is a refusal (null), never an exception for the route to turn into a 500.
 */

const base64url = z.string().min(1).max(4096).regex(/^[A-Za-z0-9_-]+$/);
const credentialShape = {
  id: base64url.max(1366), // WebAuthn's credential ids are at most 1023 bytes
  rawId: base64url.max(1366),
  type: z.literal("public-key"),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};

const registrationResponse = z.object({
  ...credentialShape,
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    authenticatorData: base64url.optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
});

const authenticationResponse = z.object({
  ...credentialShape,
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
});

/** A browser's answer to the login options, read well enough to look its credential up; null if it is not one. */
export function readAssertion(value: unknown): AuthenticationResponseJSON | null {
  const parsed = authenticationResponse.safeParse(value);
  return parsed.success ? (parsed.data as AuthenticationResponseJSON) : null;
}

/** Options to make a passkey for the account; the browser will not make a second one for `existing` credentials. */
export function registrationOptions(rp: RelyingParty, user: Pick<PublicUser, "id" | "email">, existing: { id: string; transports: string[] }[]): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.email,
    // The user handle: the account's id, no secret and no address (it is stored on the authenticator).
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing,
    // A discoverable credential, so that a login needs no email typed first.
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
}

/** Checks the browser's answer to the registration options; what to store, or null. */
export async function checkRegistration(rp: RelyingParty, value: unknown, expectedChallenge: string, name: string): Promise<NewPasskey | null> {
  const parsed = registrationResponse.safeParse(value);
  if (!parsed.success) return null;
  try {
    const { verified, registrationInfo } = await verifyRegistrationResponse({
      response: parsed.data as RegistrationResponseJSON,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
    if (!verified || !registrationInfo.userVerified) return null;
    const { credential, credentialDeviceType, credentialBackedUp, aaguid } = registrationInfo;
    return {
      id: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
      aaguid,
      name,
    };
  } catch {
    return null;
  }
}

/** Options for a login: with `allowed`, only those credentials (a second factor); without, any of this site's. */
export function authenticationOptions(rp: RelyingParty, allowed?: { id: string; transports: string[] }[]): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({ rpID: rp.id, userVerification: "required", ...(allowed ? { allowCredentials: allowed } : {}) });
}

/** Checks an assertion against the stored passkey it names; the use to record, or null. */
export async function checkAssertion(rp: RelyingParty, assertion: AuthenticationResponseJSON, expectedChallenge: string, passkey: StoredPasskey): Promise<PasskeyUse | null> {
  if (assertion.id !== passkey.id) return null;
  // The authenticator says whose credential it is: it must be the owner's.
  const handle = assertion.response.userHandle;
  if (handle !== undefined && Buffer.from(handle, "base64url").toString() !== passkey.user.id) return null;
  try {
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: passkey.id, publicKey: new Uint8Array(passkey.publicKey), counter: passkey.counter, transports: passkey.transports as never },
      requireUserVerification: true,
    });
    if (!verified || !authenticationInfo.userVerified) return null;
    return { newCounter: authenticationInfo.newCounter, deviceType: authenticationInfo.credentialDeviceType, backedUp: authenticationInfo.credentialBackedUp };
  } catch {
    return null;
  }
}
