import type { Metadata } from "next";
import Link from "next/link";
import { CookiePicture } from "@/app/_components/cookie-picture";
import { Notice, type Notices } from "@/app/_components/notice";
import { NativeSubmitButton } from "@/app/_components/submit-button";
import { requireAdmin } from "@/lib/auth/dal";
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
      <div className="mb-4 flex flex-wrap items-center justify-between gap-4">
        <h1 className="mb-0">Manage the catalog</h1>
        <Link href="/admin/cookies/new" className="button">
          Add a cookie
        </Link>
      </div>
      <Notice code={notice} notices={NOTICES} />
      <ul className="card flex flex-col divide-y divide-line py-2" aria-label="All cookies">
        {cookies.map((cookie) => (
          <li key={cookie.id} className="flex flex-wrap items-center gap-4 py-3" data-testid="admin-cookie">
            <CookiePicture illustration={cookie.illustration} className="h-12 w-16 rounded-md" />
            <div className="min-w-40 flex-1">
              <h2>{cookie.name}</h2>
              <p className="text-sm text-muted">
                {formatPrice(cookie.priceCents)} · {cookie.retiredAt ? "Retired" : "On sale"}
              </p>
            </div>
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
          </li>
        ))}
      </ul>
    </section>
  );
}
