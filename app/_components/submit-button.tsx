"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";
import { useFormStatus } from "react-dom";

type Props = { children: ReactNode; pendingText: string; className?: string };

/** A submit button that says what is happening while its form (posting to a server action) is sent. */
export function SubmitButton({ children, pendingText, className }: Props) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className ?? "button"} disabled={pending}>
      {pending ? pendingText : children}
    </button>
  );
}

/**
 * The same for a plain HTML form that posts to a route handler: the page is left when the
 * answer arrives, so "pending" lasts from the submit until then (or until the page comes
 * back from the browser's cache, when it is reset).
 */
export function NativeSubmitButton({ children, pendingText, className }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    const form = button.current?.form;
    const start = () => setPending(true);
    const reset = () => setPending(false);
    form?.addEventListener("submit", start);
    window.addEventListener("pageshow", reset);
    return () => {
      form?.removeEventListener("submit", start);
      window.removeEventListener("pageshow", reset);
    };
  }, []);
  return (
    <button ref={button} type="submit" className={className ?? "button"} disabled={pending}>
      {pending ? pendingText : children}
    </button>
  );
}
