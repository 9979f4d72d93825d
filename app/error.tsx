"use client";

/** Shown for unexpected failures; it never shows the error itself, only that it happened. */
export default function ErrorPage({ reset }: { reset: () => void }) {
  return (
    <section className="card narrow">
      <h1>Something went wrong</h1>
      <p>Sorry, we could not finish that. Please try again in a moment.</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
