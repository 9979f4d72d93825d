import type { Metadata } from "next";
import Link from "next/link";
import { Notice, type Notices } from "@/app/_components/notice";
import { OrderLines } from "@/app/_components/order-lines";
import { ADDRESS_NOTICES, ResendConfirmation } from "@/app/_components/resend-confirmation";
import { SubmitButton } from "@/app/_components/submit-button";
import { requireUser } from "@/lib/auth/guard/dal";
import { placeOrder } from "@/lib/flows/shop-actions";
import { getCart } from "@/lib/shop/cart";
import { newCheckoutKey } from "@/lib/shop/orders";

export const metadata: Metadata = { title: "Checkout" };

const NOTICES: Notices = {
  "empty-cart": { text: "Your cart is empty, so there is nothing to order.", problem: true },
  "cart-changed": {
    text: "Your cart changed since you opened this page. Please check it and place your order again.",
    problem: true,
  },
  "confirm-first": { text: "Please confirm your email address before placing an order.", problem: true },
  ...ADDRESS_NOTICES,
};

type Props = { searchParams: Promise<{ notice?: string | string[] }> };

export default async function CheckoutPage({ searchParams }: Props) {
  const user = await requireUser("/checkout");
  // The header read this request's cart already; getCart is cached per request.
  const [{ notice }, cart] = await Promise.all([searchParams, getCart()]);
  return (
    <section className="card mx-auto max-w-2xl">
      <h1>Checkout</h1>
      <Notice code={notice} notices={NOTICES} />
      <p className="mb-4 text-muted">
        Ordering as <strong className="text-ink wrap-anywhere">{user.email}</strong>.
      </p>
      {cart.lines.length === 0 ? (
        <p>
          Your cart is empty. <Link href="/cookies">Choose some cookies</Link> first.
        </p>
      ) : (
        <div className="stack">
          <OrderLines
            caption="Your order"
            totalCents={cart.totalCents}
            lines={cart.lines.map(({ cookie, quantity }) => ({ key: cookie.id, name: cookie.name, priceCents: cookie.priceCents, quantity }))}
          />
          {user.emailVerified ? (
            <form action={placeOrder} className="mt-2 flex flex-wrap items-center justify-between gap-4 border-t border-line pt-5">
              {/* A new key per visit: sending this form twice finds the first order (lib/shop/orders.ts). */}
              <input type="hidden" name="checkoutKey" value={newCheckoutKey()} />
              <input type="hidden" name="expectedTotalCents" value={cart.totalCents} />
              <Link href="/cart">Change the cart</Link>
              <SubmitButton pendingText="Placing your order…">Place order</SubmitButton>
            </form>
          ) : (
            <div className="stack mt-2 border-t border-line pt-5" data-testid="confirm-address">
              <h2>Confirm your email address to order</h2>
              <p>
                We sent a link to <strong className="wrap-anywhere">{user.email}</strong> when you signed up. Open it, confirm, and come
                back here: your cart will wait.
              </p>
              <ResendConfirmation from="/checkout" />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
