import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/dal";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage() {
  const user = await requireUser("/checkout");
  return (
    <section className="card">
      <h1>Checkout</h1>
      <p>
        Ordering as <strong>{user.email}</strong>.
      </p>
      <p>
        Your cart is empty. <Link href="/cookies">Choose some cookies</Link> first.
      </p>
    </section>
  );
}
