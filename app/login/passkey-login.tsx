"use client";

import { browserSupportsWebAuthnAutofill, startAuthentication } from "@simplewebauthn/browser";
import { useEffect, useRef, useState } from "react";
import { errorOf, postPasskeyJson, useWebAuthnSupport, wasCancelled } from "@/app/_components/passkey-client";
import { PASSKEY_REFUSED } from "@/lib/flows/passkey-messages";

/**
 * "Sign in with a passkey" on the login form, and the browser's passkey autofill on its email
 * field (conditional mediation). Either way the answer goes to /login/passkey with the form's
 * `next` and "Remember me"; the server sanitizes `next` again.
 */
export function PasskeyLogin({ next }: { next: string }) {
  const supported = useWebAuthnSupport();
  const box = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(useBrowserAutofill: boolean) {
    const options = await postPasskeyJson("/login/passkey/options");
    if (!options.ok) throw new Error(errorOf(options, PASSKEY_REFUSED));
    let response;
    try {
      response = await startAuthentication({ optionsJSON: options.body.options as never, useBrowserAutofill });
    } catch (error) {
      // The autofill's request ends quietly whenever the browser drops it (a password submit, another ceremony).
      if (useBrowserAutofill) return;
      throw error;
    }
    setBusy(true);
    const remember = (box.current?.closest("form")?.elements.namedItem("remember") as HTMLInputElement | null)?.checked ?? false;
    const answer = await postPasskeyJson("/login/passkey", { response, next, remember });
    if (!answer.ok) {
      setBusy(false);
      throw new Error(errorOf(answer, PASSKEY_REFUSED));
    }
    window.location.assign(typeof answer.body.next === "string" ? answer.body.next : "/");
  }

  function report(error: unknown) {
    if (!wasCancelled(error)) setProblem(error instanceof Error && error.message ? error.message : PASSKEY_REFUSED);
  }

  useEffect(() => {
    if (!supported) return;
    let stopped = false;
    void browserSupportsWebAuthnAutofill().then((autofill) => {
      if (autofill && !stopped) signIn(true).catch(report);
    });
    return () => {
      stopped = true;
    };
    // Once, when support is known: the autofill request waits as long as the page is open.
  }, [supported]);

  if (!supported) return <div ref={box} hidden />;
  return (
    <div ref={box} className="stack">
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <button
        type="button"
        className="button-quiet"
        disabled={busy}
        onClick={() => {
          setProblem(null);
          signIn(false).catch(report);
        }}
      >
        {busy ? "Signing in…" : "Sign in with a passkey"}
      </button>
    </div>
  );
}
