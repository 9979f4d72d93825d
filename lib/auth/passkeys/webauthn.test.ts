import { describe, expect, it } from "vitest";
import type { RelyingParty } from "./relying-party";
import type { StoredPasskey } from "./store";
import { signAssertion, softwarePasskey } from "./testing";
import { authenticationOptions, checkAssertion, checkRegistration, readAssertion } from "./webauthn";

// The assertion check with a software authenticator: what passes, and each thing that must not.

const rp: RelyingParty = { id: "shop.example", origin: "https://shop.example", name: "Cookieshop" };
const key = softwarePasskey();
const stored = (counter = 0, userId = "user-1"): StoredPasskey => ({
  id: key.credentialId,
  name: "Test",
  publicKey: key.publicKey,
  counter,
  transports: [],
  user: { id: userId, email: "ann@example.com", role: "customer", emailVerified: true, active: true },
});

async function challenge(): Promise<string> {
  return (await authenticationOptions(rp)).challenge;
}

function assertion(over: Partial<Parameters<typeof signAssertion>[1]> & { challenge: string }) {
  return readAssertion(signAssertion(key, { origin: rp.origin, rpId: rp.id, counter: 1, userId: "user-1", ...over }))!;
}

describe("checkAssertion", () => {
  it("accepts a right signature over this challenge, origin and relying party, and reports the new counter", async () => {
    const expected = await challenge();
    expect(await checkAssertion(rp, assertion({ challenge: expected, counter: 7 }), expected, stored(3))).toEqual({ newCounter: 7, deviceType: "singleDevice", backedUp: false });
  });

  it("refuses another challenge, origin or relying party id", async () => {
    const expected = await challenge();
    expect(await checkAssertion(rp, assertion({ challenge: await challenge() }), expected, stored())).toBeNull();
    expect(await checkAssertion(rp, assertion({ challenge: expected, origin: "https://shop.example.evil.example" }), expected, stored())).toBeNull();
    expect(await checkAssertion(rp, assertion({ challenge: expected, rpId: "evil.example" }), expected, stored())).toBeNull();
  });

  it("refuses a counter that did not go up", async () => {
    const expected = await challenge();
    expect(await checkAssertion(rp, assertion({ challenge: expected, counter: 5 }), expected, stored(5))).toBeNull();
  });

  it("refuses an assertion whose user handle is another account's", async () => {
    const expected = await challenge();
    expect(await checkAssertion(rp, assertion({ challenge: expected }), expected, stored(0, "someone-else"))).toBeNull();
  });

  it("refuses a changed signature, and an assertion without user verification", async () => {
    const expected = await challenge();
    const forged = assertion({ challenge: expected });
    const signature = Buffer.from(forged.response.signature, "base64url");
    signature[signature.length - 1]! ^= 1;
    expect(await checkAssertion(rp, { ...forged, response: { ...forged.response, signature: signature.toString("base64url") } }, expected, stored())).toBeNull();
    // Rightly signed, but the flags say "present" only: the authenticator did not verify the user.
    expect(await checkAssertion(rp, assertion({ challenge: expected, userVerified: false }), expected, stored())).toBeNull();
  });

  it("reads anything that is not an assertion as none, and a registration answer that is not one as a refusal", async () => {
    for (const value of [null, "x", 1, {}, { id: "AA" }, { id: "A A", rawId: "A", type: "public-key", response: { clientDataJSON: "a", authenticatorData: "a", signature: "a" } }]) {
      expect(readAssertion(value)).toBeNull();
    }
    expect(await checkRegistration(rp, { id: "AA", rawId: "AA", type: "public-key", response: { clientDataJSON: "AA", attestationObject: "AA" } }, "x", "name")).toBeNull();
  });
});
