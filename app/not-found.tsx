import Link from "next/link";
import { CookiePicture } from "./_components/cookie-picture";

export default function NotFound() {
  return (
    <section className="card narrow text-center">
      <CookiePicture illustration="oatmeal-raisin" className="mx-auto mb-4 aspect-4/3 w-36 opacity-90" />
      <p className="eyebrow">Error 404</p>
      <h1>Page not found</h1>
      <p className="mb-6 text-muted">We could not find that page. It may have moved, or the link may be mistyped.</p>
      <div className="flex flex-wrap items-center justify-center gap-x-6 gap-y-3">
        <Link href="/cookies" className="button">
          See all cookies
        </Link>
        <Link href="/">Go to the home page</Link>
      </div>
    </section>
  );
}
