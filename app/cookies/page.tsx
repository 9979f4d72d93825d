import type { Metadata } from "next";
import { CookiePicture } from "@/app/_components/cookie-picture";
import { Notice, type Notices } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { addToCart } from "@/lib/flows/shop-actions";
import { listCookies } from "@/lib/shop/catalog";
import { MAX_CART_LINES, MAX_QUANTITY } from "@/lib/shop/guest-cart";
import { formatPrice } from "@/lib/shop/money";

export const metadata: Metadata = { title: "Our cookies" };

const NOTICES: Notices = {
  added: { text: "Added to your cart." },
  "not-on-sale": { text: "Sorry, that cookie is no longer on sale.", problem: true },
  "cart-full": { text: `Your cart is full: it holds up to ${MAX_CART_LINES} different cookies.`, problem: true },
  "invalid-quantity": { text: `You can add from 1 to ${MAX_QUANTITY} of one cookie.`, problem: true },
};

type Props = { searchParams: Promise<{ notice?: string | string[] }> };

export default async function CookiesPage({ searchParams }: Props) {
  const [{ notice }, cookies] = await Promise.all([searchParams, listCookies()]);
  return (
    <section>
      <h1>Our cookies</h1>
      <p className="lead">Baked this morning in small batches. Prices are per cookie.</p>
      <Notice code={notice} notices={NOTICES} />
      {/* Phone: a compact row per cookie (drawing beside the text). Wider: a grid of cards. */}
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 sm:gap-5 lg:grid-cols-3">
        {cookies.map((cookie) => (
          <li
            key={cookie.id}
            id={`cookie-${cookie.id}`}
            className="card grid scroll-mt-4 grid-cols-[6rem_1fr] content-start gap-x-4 gap-y-1 p-4 sm:flex sm:flex-col sm:gap-3 sm:p-5"
          >
            <CookiePicture illustration={cookie.illustration} className="row-span-3 aspect-4/3 w-full rounded-xl" />
            <h2>{cookie.name}</h2>
            <p className="text-sm text-muted sm:flex-1 sm:text-base">{cookie.description}</p>
            <div className="mt-2 flex flex-wrap items-center justify-between gap-x-3 gap-y-2 sm:mt-0">
              <p className="price text-lg">{formatPrice(cookie.priceCents)}</p>
              <form action={addToCart}>
                <input type="hidden" name="cookieId" value={cookie.id} />
                <SubmitButton className="button-small" pendingText="Adding…">
                  Add<span className="sr-only"> {cookie.name}</span> to cart
                </SubmitButton>
              </form>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
