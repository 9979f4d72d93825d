"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { useState } from "react";
import { errorOf, postPasskeyJson, useWebAuthnSupport, wasCancelled } from "@/app/_components/passkey-client";
import { PASSKEY_SECOND_FACTOR_REFUSED } from "@/lib/flows/passkey-messages";
/** Where a login goes whose challenge ended (too many failures, or five minutes): to start again. */
const EXPIRED = "/login?notice=two-factor-expired";

/** "Use a passkey" instead of a code, for an account that has one; absent without JavaScript or WebAuthn. */
export function PasskeySecondFactor() {
  const supported = useWebAuthnSupport();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function use() {
    setProblem(null);
    setBusy(true);
    try {
      const options = await postPasskeyJson("/login/two-factor/passkey/options");
      if (options.body.expired) return window.location.assign(EXPIRED);
      if (!options.ok) throw new Error(errorOf(options, PASSKEY_SECOND_FACTOR_REFUSED));
      const response = await startAuthentication({ optionsJSON: options.body.options as never });
      const answer = await postPasskeyJson("/login/two-factor/passkey", { response });
      if (answer.ok) return window.location.assign(typeof answer.body.next === "string" ? answer.body.next : "/");
      if (answer.body.expired) return window.location.assign(EXPIRED);
      throw new Error(errorOf(answer, PASSKEY_SECOND_FACTOR_REFUSED));
    } catch (error) {
      if (!wasCancelled(error)) setProblem(error instanceof Error && error.message ? error.message : PASSKEY_SECOND_FACTOR_REFUSED);
      setBusy(false);
    }
  }

  if (!supported) return null;
  return (
    <div className="stack mt-4">
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="button-quiet" disabled={busy} onClick={use}>
        {busy ? "Checking…" : "Use a passkey"}
      </button>
    </div>
  );
}
