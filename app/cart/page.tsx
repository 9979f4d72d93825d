import type { Metadata } from "next";
import Link from "next/link";
import { CookiePicture } from "@/app/_components/cookie-picture";
import { Notice, type Notices } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { updateCartLine } from "@/lib/shop/actions";
import { getCart } from "@/lib/shop/cart";
import { MAX_QUANTITY } from "@/lib/shop/guest-cart";
import { formatPrice } from "@/lib/shop/money";

export const metadata: Metadata = { title: "Your cart" };

const NOTICES: Notices = {
  updated: { text: "Your cart has been updated." },
  removed: { text: "Removed from your cart." },
  "not-on-sale": { text: "Sorry, that cookie is no longer on sale.", problem: true },
  "invalid-quantity": { text: `Enter a quantity from 0 to ${MAX_QUANTITY}; 0 removes the cookie.`, problem: true },
};

type Props = { searchParams: Promise<{ notice?: string | string[] }> };

export default async function CartPage({ searchParams }: Props) {
  const [{ notice }, cart] = await Promise.all([searchParams, getCart()]);
  return (
    <section>
      <h1>Your cart</h1>
      <Notice code={notice} notices={NOTICES} />
      {cart.lines.length === 0 ? (
        <div className="card">
          <p>
            Your cart is empty. <Link href="/cookies">Choose some cookies</Link>.
          </p>
        </div>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
          <ul className="card flex flex-col divide-y divide-line py-2" aria-label="Cookies in your cart">
            {cart.lines.map(({ cookie, quantity, lineTotalCents }) => (
              <li key={cookie.id} className="flex flex-wrap items-center gap-4 py-4" data-testid="cart-line">
                <CookiePicture illustration={cookie.illustration} className="h-18 w-24 rounded-lg" />
                <div className="min-w-40 flex-1">
                  <h2>{cookie.name}</h2>
                  <p className="text-sm text-muted">{formatPrice(cookie.priceCents)} each</p>
                </div>
                <form action={updateCartLine} className="flex items-end gap-2">
                  <input type="hidden" name="cookieId" value={cookie.id} />
                  <div className="field">
                    <label htmlFor={`quantity-${cookie.id}`} className="text-sm">
                      Quantity<span className="sr-only"> of {cookie.name}</span>
                    </label>
                    <input
                      id={`quantity-${cookie.id}`}
                      name="quantity"
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={MAX_QUANTITY}
                      required
                      defaultValue={quantity}
                      className="w-20!"
                    />
                  </div>
                  <SubmitButton className="button-quiet" pendingText="Updating…">
                    Update<span className="sr-only"> {cookie.name}</span>
                  </SubmitButton>
                </form>
                <form action={updateCartLine}>
                  <input type="hidden" name="cookieId" value={cookie.id} />
                  <input type="hidden" name="quantity" value="0" />
                  <SubmitButton className="button-danger" pendingText="Removing…">
                    Remove<span className="sr-only"> {cookie.name}</span>
                  </SubmitButton>
                </form>
                <p className="w-20 text-right font-semibold" data-testid="line-total">
                  {formatPrice(lineTotalCents)}
                </p>
              </li>
            ))}
          </ul>
          <aside className="card flex h-fit flex-col gap-4" aria-label="Summary">
            <p className="flex justify-between text-lg">
              <span>Total</span> <strong data-testid="cart-total">{formatPrice(cart.totalCents)}</strong>
            </p>
            <Link href="/checkout" className="button">
              Go to checkout
            </Link>
          </aside>
        </div>
      )}
    </section>
  );
}
