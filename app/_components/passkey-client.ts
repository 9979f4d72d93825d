"use client";

import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { useEffect, useState } from "react";

/**
 * What the passkey buttons share in the browser. They render nothing on the server and
 * nothing until this says the browser can do WebAuthn, so without JavaScript (or without
 * WebAuthn) the page is exactly what it was before passkeys.
 */
export function useWebAuthnSupport(): boolean {
  const [supported, setSupported] = useState(false);
  useEffect(() => setSupported(browserSupportsWebAuthn()), []);
  return supported;
}

export type PasskeyAnswer = { ok: boolean; status: number; body: Record<string, unknown> };

/** A same-origin JSON post to a passkey endpoint; the browser adds the Origin header they require. */
export async function postPasskeyJson(path: string, body: unknown = {}): Promise<PasskeyAnswer> {
  const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: response.ok, status: response.status, body: answer };
}

/** The message of an error answer, or `fallback`. */
export function errorOf(answer: PasskeyAnswer, fallback: string): string {
  return typeof answer.body.error === "string" ? answer.body.error : fallback;
}

/** Whether the browser's ceremony ended because the person cancelled it (or another one began): no error to show. */
export function wasCancelled(error: unknown): boolean {
  return error instanceof Error && (error.name === "NotAllowedError" || error.name === "AbortError" || (error as { code?: string }).code === "ERROR_CEREMONY_ABORTED");
}
