"use client";

import Link from "next/link";

/** Shown for unexpected failures; it never shows the error itself, only that it happened. */
export default function ErrorPage({ reset }: { reset: () => void }) {
  return (
    <section className="card narrow text-center">
      <p className="eyebrow">Error</p>
      <h1>Something went wrong</h1>
      <p className="mb-6 text-muted">Sorry, we could not finish that. Please try again in a moment.</p>
      <div className="flex flex-wrap items-center justify-center gap-x-6 gap-y-3">
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
        <Link href="/">Go to the home page</Link>
      </div>
    </section>
  );
}
