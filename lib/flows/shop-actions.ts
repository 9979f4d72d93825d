"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "../auth/guard/dal";
import { formValues } from "../http/forms";
import { addToCartSchema, cartLineSchema, placeOrderSchema } from "../shop/schemas";
import { changeCart } from "../shop/cart";
import { placeOrderFromCart } from "../shop/orders";

// The shop's server actions. Like every action they are public endpoints: each validates
// all it is sent (a hand-made call can send anything) and answers with a redirect that
// carries a short notice code, so the forms work the same with and without JavaScript and a
// reload never submits twice. Pages turn the codes into words (app/_components/notice.tsx).

/** Every page's header shows the cart's count, so a change re-renders from the root layout down. */
function cartChanged(): void {
  revalidatePath("/", "layout");
}

/** "Add to cart" on the catalog: back to the catalog, saying what happened. */
export async function addToCart(formData: unknown): Promise<void> {
  const parsed = addToCartSchema.safeParse(formValues(formData, ["cookieId", "quantity"]));
  if (!parsed.success) redirect("/cookies?notice=invalid-quantity");
  const result = await changeCart({ ...parsed.data, mode: "add" });
  cartChanged();
  redirect(`/cookies?notice=${result === "changed" ? "added" : result}#cookie-${parsed.data.cookieId}`);
}

/** The cart page's "Update" (a new quantity, 0 removes) and "Remove". */
export async function updateCartLine(formData: unknown): Promise<void> {
  const parsed = cartLineSchema.safeParse(formValues(formData, ["cookieId", "quantity"]));
  if (!parsed.success) redirect("/cart?notice=invalid-quantity");
  const result = await changeCart({ ...parsed.data, mode: "set" });
  cartChanged();
  redirect(`/cart?notice=${result === "changed" ? (parsed.data.quantity === 0 ? "removed" : "updated") : result}`);
}

export async function placeOrder(formData: unknown): Promise<void> {
  const user = await requireUser("/checkout");
  // An order's confirmations and any later contact go to this address: it must be the customer's.
  if (!user.emailVerified) redirect("/checkout?notice=confirm-first");
  const parsed = placeOrderSchema.safeParse(formValues(formData, ["checkoutKey", "expectedTotalCents"]));
  if (!parsed.success) redirect("/checkout?notice=cart-changed");
  const outcome = await placeOrderFromCart(user.id, parsed.data.checkoutKey, parsed.data.expectedTotalCents);
  if (!outcome.ok) redirect(`/checkout?notice=${outcome.reason}`);
  cartChanged();
  redirect(`/account/orders/${outcome.orderId}?notice=order-placed`);
}
