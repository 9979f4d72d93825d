import type { Metadata } from "next";
import Link from "next/link";
import { CookiePicture } from "@/app/_components/cookie-picture";
import { Notice, type Notices } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { updateCartLine } from "@/lib/flows/shop-actions";
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
        <div className="card flex flex-col items-center gap-4 py-10 text-center">
          <CookiePicture illustration="sugar-cookie" className="aspect-4/3 w-32 opacity-80" />
          <p>
            Your cart is empty. <Link href="/cookies">Choose some cookies</Link>.
          </p>
        </div>
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-[1fr_18rem]">
          <ul className="card flex flex-col divide-y divide-line py-1 sm:py-2" aria-label="Cookies in your cart">
            {cart.lines.map(({ cookie, quantity, lineTotalCents }) => (
              /*
               * Each line: the drawing, the name and the line's total on top; the quantity form
               * and the remove button below, under the name from a phone's width up.
               */
              <li
                key={cookie.id}
                className="grid grid-cols-[4.5rem_1fr_auto] items-center gap-x-4 gap-y-3 py-4 sm:grid-cols-[6rem_1fr_auto]"
                data-testid="cart-line"
              >
                <CookiePicture illustration={cookie.illustration} className="aspect-4/3 w-full rounded-lg sm:row-span-2" />
                <div className="min-w-0">
                  <h2>{cookie.name}</h2>
                  <p className="text-sm text-muted">{formatPrice(cookie.priceCents)} each</p>
                </div>
                <p className="text-right text-lg font-semibold" data-testid="line-total">
                  {formatPrice(lineTotalCents)}
                </p>
                <div className="col-span-3 flex flex-wrap items-end justify-between gap-3 sm:col-span-2 sm:col-start-2">
                  <form action={updateCartLine} className="flex items-end gap-2">
                    <input type="hidden" name="cookieId" value={cookie.id} />
                    <div className="field gap-1">
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
                    <SubmitButton className="button-quiet min-h-11" pendingText="Updating…">
                      Update<span className="sr-only"> {cookie.name}</span>
                    </SubmitButton>
                  </form>
                  <form action={updateCartLine}>
                    <input type="hidden" name="cookieId" value={cookie.id} />
                    <input type="hidden" name="quantity" value="0" />
                    <SubmitButton className="button-danger min-h-11" pendingText="Removing…">
                      Remove<span className="sr-only"> {cookie.name}</span>
                    </SubmitButton>
                  </form>
                </div>
              </li>
            ))}
          </ul>
          <aside className="card flex flex-col gap-4 lg:sticky lg:top-4" aria-label="Summary">
            <p className="flex items-baseline justify-between text-lg">
              <span>Total</span> <strong className="text-2xl" data-testid="cart-total">{formatPrice(cart.totalCents)}</strong>
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
