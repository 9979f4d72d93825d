import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { findChallenge } from "@/lib/auth/two-factor/challenge";
import { hasPasskey } from "@/lib/auth/passkeys/store";
import { loginChallengeCookie } from "@/lib/flows/challenge-cookies";
import { PasskeySecondFactor } from "./passkey-second-factor";
import { SecondFactorForm } from "./second-factor-form";

export const metadata: Metadata = { title: "Two-factor login" };

/** The second step of a login with two-factor on; without a live challenge there is nothing to finish. */
export default async function TwoFactorLoginPage() {
  const challenge = await findChallenge(await loginChallengeCookie.read());
  if (!challenge) redirect("/login?notice=two-factor-expired");
  return (
    <section className="card narrow">
      <h1>Two-factor login</h1>
      <p className="mb-4 text-muted">Your password was right. To finish logging in, enter a code.</p>
      <SecondFactorForm />
      {(await hasPasskey(challenge.user.id)) && <PasskeySecondFactor />}
    </section>
  );
}
