import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/dal";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  return (
    <section className="card mx-auto max-w-2xl">
      <h1>Welcome, {user.email}!</h1>
      <p className="mb-4">This is your account.</p>
      <ul className="stack">
        <li>
          <Link href="/account/orders">Your orders</Link>: what you have ordered, newest first.
        </li>
        <li>
          <Link href="/account/security">Security</Link>: where you are logged in, and your password.
        </li>
        {user.role === "admin" && (
          <li>
            <Link href="/admin/cookies">Manage the catalog</Link>: add, edit and retire cookies.
          </li>
        )}
      </ul>
    </section>
  );
}
