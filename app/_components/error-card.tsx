import type { ReactNode } from "react";
import { CookiePicture } from "./cookie-picture";

/** The card every error page shows: what happened, in plain words, and where to go instead. */
export function ErrorCard({
  eyebrow,
  title,
  message,
  illustration,
  children,
}: {
  eyebrow: string;
  title: string;
  message: string;
  illustration?: string;
  /** The ways on: a button first, then links. */
  children: ReactNode;
}) {
  return (
    <section className="card narrow text-center">
      {illustration && <CookiePicture illustration={illustration} className="mx-auto mb-4 aspect-4/3 w-36 opacity-90" />}
      <p className="eyebrow">{eyebrow}</p>
      <h1>{title}</h1>
      <p className="mb-6 text-muted">{message}</p>
      <div className="flex flex-wrap items-center justify-center gap-x-6 gap-y-3">{children}</div>
    </section>
  );
}
