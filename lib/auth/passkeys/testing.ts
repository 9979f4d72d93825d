import { type KeyObject, createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";

/**
 * A software authenticator, for tests and the benchmark only: an ES256 key made with
 * node:crypto, whose public key can be stored as a passkey directly (or handed to Chromium's
 * virtual authenticator), and which signs assertions as a real authenticator would, with user
 * presence and verification flagged. Never imported by the app.
 */

export type SoftwarePasskey = {
  credentialId: string;
  /** The public key as COSE (what the Passkey table stores). */
  publicKey: Uint8Array;
  /** PKCS#8, base64: what the DevTools protocol's WebAuthn.addCredential takes. */
  privateKeyPkcs8: string;
  privateKey: KeyObject;
};

/** A new key pair and a random credential id. */
export function softwarePasskey(): SoftwarePasskey {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const x = Buffer.from(jwk.x!, "base64url");
  const y = Buffer.from(jwk.y!, "base64url");
  // COSE_Key (RFC 9053) in CBOR: {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}.
  const cose = Buffer.concat([Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]), x, Buffer.from([0x22, 0x58, 0x20]), y]);
  return {
    credentialId: randomBytes(16).toString("base64url"),
    publicKey: new Uint8Array(cose),
    privateKeyPkcs8: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
    privateKey,
  };
}

export type AssertionInput = { challenge: string; origin: string; rpId: string; counter: number; userId: string; userVerified?: boolean };

/** The JSON a browser would post for navigator.credentials.get's answer (AuthenticationResponseJSON). */
export function signAssertion(passkey: SoftwarePasskey, { challenge, origin, rpId, counter, userId, userVerified = true }: AssertionInput) {
  const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge, origin, crossOrigin: false }));
  const counterBytes = Buffer.alloc(4);
  counterBytes.writeUInt32BE(counter);
  // rpIdHash, flags (user present 0x01 | user verified 0x04), signature counter.
  const authenticatorData = Buffer.concat([createHash("sha256").update(rpId).digest(), Buffer.from([userVerified ? 0x05 : 0x01]), counterBytes]);
  const signature = sign("sha256", Buffer.concat([authenticatorData, createHash("sha256").update(clientDataJSON).digest()]), passkey.privateKey);
  return {
    id: passkey.credentialId,
    rawId: passkey.credentialId,
    type: "public-key",
    clientExtensionResults: {},
    response: {
      clientDataJSON: clientDataJSON.toString("base64url"),
      authenticatorData: authenticatorData.toString("base64url"),
      signature: signature.toString("base64url"),
      userHandle: Buffer.from(userId).toString("base64url"),
    },
  };
}
