"use client";

import { WebAuthnAbortService, browserSupportsWebAuthnAutofill, startAuthentication } from "@simplewebauthn/browser";
import { useEffect, useRef, useState } from "react";
import { errorOf, postPasskeyJson, useWebAuthnSupport, wasCancelled } from "@/app/_components/passkey-client";
import { PASSKEY_REFUSED } from "@/lib/flows/passkey-messages";

/** The server's ceremony lasts five minutes; options older than this are not used, new ones are asked for. */
const OPTIONS_FRESH_MS = 4.5 * 60_000;

type HeldOptions = { options: unknown; fetchedAt: number };

/**
 * "Sign in with a passkey" on the login form, and the browser's passkey autofill on its email
 * field (conditional mediation). Options (and the server's challenge row) are asked for only
 * when needed: when the email field gets focus, or the button is pressed; options close to
 * the server's five minutes, or refused as expired, are replaced by new ones. When the site
 * has no passkeys (503) the button goes away quietly. Either way the answer goes to
 * /login/passkey with the form's `next` and "Remember me"; the server sanitizes `next` again.
 */
export function PasskeyLogin({ next }: { next: string }) {
  const supported = useWebAuthnSupport();
  const [available, setAvailable] = useState(true);
  const box = useRef<HTMLDivElement>(null);
  const held = useRef<HeldOptions | null>(null);
  /** The waiting autofill request, with when its options were fetched; null while none waits. */
  const autofill = useRef<{ fetchedAt: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Options not yet answered and fresh enough, or new ones; null when passkeys are off here. */
  async function freshOptions(): Promise<HeldOptions | null> {
    if (held.current && Date.now() - held.current.fetchedAt < OPTIONS_FRESH_MS) return held.current;
    const answer = await postPasskeyJson("/login/passkey/options");
    if (answer.status === 503) {
      setAvailable(false);
      return null;
    }
    if (!answer.ok) throw new Error(errorOf(answer, PASSKEY_REFUSED));
    held.current = { options: answer.body.options, fetchedAt: Date.now() };
    return held.current;
  }

  async function signIn(useBrowserAutofill: boolean, request?: { fetchedAt: number }) {
    const options = await freshOptions();
    if (!options) return;
    if (request) request.fetchedAt = options.fetchedAt;
    let response;
    try {
      response = await startAuthentication({ optionsJSON: options.options as never, useBrowserAutofill });
    } catch (error) {
      // The autofill's request ends quietly whenever the browser drops it (a password submit, another ceremony).
      if (useBrowserAutofill) return;
      throw error;
    } finally {
      if (request && autofill.current === request) autofill.current = null;
    }
    held.current = null; // the answer uses the challenge up, whatever it says
    setBusy(true);
    const remember = (box.current?.closest("form")?.elements.namedItem("remember") as HTMLInputElement | null)?.checked ?? false;
    const answer = await postPasskeyJson("/login/passkey", { response, next, remember });
    if (answer.ok) return window.location.assign(typeof answer.body.next === "string" ? answer.body.next : "/");
    setBusy(false);
    // An autofill answer that came too late: offer the passkeys again, on new options.
    if (answer.body.expired && useBrowserAutofill) armAutofill();
    throw new Error(errorOf(answer, PASSKEY_REFUSED));
  }

  function report(error: unknown) {
    if (!wasCancelled(error)) setProblem(error instanceof Error && error.message ? error.message : PASSKEY_REFUSED);
  }

  /** Starts the autofill request, unless one with fresh options waits already. */
  function armAutofill() {
    const waiting = autofill.current;
    if (waiting && Date.now() - waiting.fetchedAt < OPTIONS_FRESH_MS) return;
    const request = { fetchedAt: Date.now() }; // counts as fresh while its options are on their way
    autofill.current = request;
    signIn(true, request)
      .catch(report)
      .finally(() => {
        if (autofill.current === request) autofill.current = null;
      });
  }

  useEffect(() => {
    if (!supported || !available) return;
    const email = box.current?.closest("form")?.elements.namedItem("email");
    if (!(email instanceof HTMLInputElement)) return;
    let stopped = false;
    const onFocus = () => {
      if (!stopped) armAutofill();
    };
    void browserSupportsWebAuthnAutofill().then((autofill) => {
      if (!autofill || stopped) return;
      email.addEventListener("focus", onFocus);
      if (document.activeElement === email) onFocus();
    });
    return () => {
      stopped = true;
      email.removeEventListener("focus", onFocus);
      WebAuthnAbortService.cancelCeremony();
    };
    // Once support is known; the listener reads the refs, which stay the same.
  }, [supported, available]);

  if (!supported || !available) return <div ref={box} hidden />;
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
