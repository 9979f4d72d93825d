"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

/** A submit button that says what is happening while its form is being sent. */
export function SubmitButton({ children, pendingText, className }: { children: ReactNode; pendingText: string; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className ?? "button"} disabled={pending}>
      {pending ? pendingText : children}
    </button>
  );
}
