"use client";

import Link from "next/link";
import { ErrorCard } from "./_components/error-card";

/** Shown for unexpected failures; it never shows the error itself, only that it happened. */
export default function ErrorPage({ reset }: { reset: () => void }) {
  return (
    <ErrorCard eyebrow="Error" title="Something went wrong" message="Sorry, we could not finish that. Please try again in a moment.">
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
      <Link href="/">Go to the home page</Link>
    </ErrorCard>
  );
}
