import type { Metadata } from "next";
import Link from "next/link";
import { CookiePicture } from "@/app/_components/cookie-picture";
import { Notice, type Notices } from "@/app/_components/notice";
import { NativeSubmitButton } from "@/app/_components/submit-button";
import { requireAdmin } from "@/lib/auth/guard/dal";
import { listAllCookies } from "@/lib/shop/catalog";
import { formatPrice } from "@/lib/shop/money";

export const metadata: Metadata = { title: "Manage the catalog" };

const NOTICES: Notices = {
  "cookie-added": { text: "The cookie has been added to the catalog." },
  "cookie-saved": { text: "Your changes have been saved." },
  "cookie-retired": { text: "The cookie has been retired. Past orders still show it." },
  "cookie-restored": { text: "The cookie is back on sale." },
  "cookie-unchanged": { text: "Nothing changed: that cookie was not found in that state.", problem: true },
};

type Props = { searchParams: Promise<{ notice?: string | string[] }> };

export default async function AdminCookiesPage({ searchParams }: Props) {
  await requireAdmin("/admin/cookies");
  const [{ notice }, cookies] = await Promise.all([searchParams, listAllCookies()]);
  return (
    <section>
      <div className="mb-5 flex flex-wrap items-center justify-between gap-4">
        <h1 className="mb-0">Manage the catalog</h1>
        <Link href="/admin/cookies/new" className="button">
          Add a cookie
        </Link>
      </div>
      <Notice code={notice} notices={NOTICES} />
      <ul className="card flex flex-col divide-y divide-line py-1 sm:py-2" aria-label="All cookies">
        {cookies.map((cookie) => (
          <li
            key={cookie.id}
            className="grid grid-cols-[4rem_1fr] items-center gap-x-4 gap-y-2 py-3 sm:grid-cols-[4rem_1fr_auto]"
            data-testid="admin-cookie"
          >
            <CookiePicture
              illustration={cookie.illustration}
              className={`aspect-4/3 w-full rounded-md${cookie.retiredAt ? " opacity-50 grayscale" : ""}`}
            />
            <div className="min-w-0">
              <h2>{cookie.name}</h2>
              <p className="text-sm text-muted">
                {formatPrice(cookie.priceCents)} ·{" "}
                <span className={cookie.retiredAt ? "font-semibold text-danger" : "text-ok"}>{cookie.retiredAt ? "Retired" : "On sale"}</span>
              </p>
            </div>
            <div className="col-start-2 flex flex-wrap gap-2 sm:col-start-3">
              <Link href={`/admin/cookies/${cookie.id}`} className="button-quiet">
                Edit<span className="sr-only"> {cookie.name}</span>
              </Link>
              <form method="post" action={cookie.retiredAt ? "/admin/cookies/restore" : "/admin/cookies/retire"}>
                <input type="hidden" name="cookieId" value={cookie.id} />
                <NativeSubmitButton className={cookie.retiredAt ? "button-quiet" : "button-danger"} pendingText="Saving…">
                  {cookie.retiredAt ? "Put back on sale" : "Retire"}
                  <span className="sr-only"> {cookie.name}</span>
                </NativeSubmitButton>
              </form>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
