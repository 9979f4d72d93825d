import Link from "next/link";
import { CookiePicture } from "./_components/cookie-picture";

/** 403: signed in, but this is staff's area (lib/auth/dal.ts requireAdmin). */
export default function Forbidden() {
  return (
    <section className="card narrow text-center">
      <CookiePicture illustration="gingerbread" className="mx-auto mb-4 aspect-4/3 w-36 opacity-90" />
      <p className="eyebrow">Error 403</p>
      <h1>Not for customers</h1>
      <p className="mb-6 text-muted">This page is for the shop&apos;s staff. Your account cannot open it.</p>
      <div className="flex flex-wrap items-center justify-center gap-x-6 gap-y-3">
        <Link href="/cookies" className="button">
          Back to the cookies
        </Link>
        <Link href="/account">Your account</Link>
      </div>
    </section>
  );
}
