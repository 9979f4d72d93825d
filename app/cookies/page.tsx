import type { Metadata } from "next";
import { CookiePicture } from "@/app/_components/cookie-picture";
import { Notice, type Notices } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { addToCart } from "@/lib/shop/actions";
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
      <p className="mb-6 text-muted">Baked this morning in small batches. Prices are per cookie.</p>
      <Notice code={notice} notices={NOTICES} />
      <ul className="grid grid-cols-1 gap-5 sm:grid-cols-2 lg:grid-cols-3">
        {cookies.map((cookie) => (
          <li key={cookie.id} id={`cookie-${cookie.id}`} className="card flex flex-col gap-3">
            <CookiePicture illustration={cookie.illustration} className="aspect-4/3 w-full rounded-xl" />
            <h2>{cookie.name}</h2>
            <p className="flex-1 text-muted">{cookie.description}</p>
            <div className="flex items-center justify-between gap-3">
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
