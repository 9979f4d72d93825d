import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guard/dal";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  return (
    <section className="mx-auto max-w-3xl">
      <h1>Welcome, {user.email}!</h1>
      <p className="lead">This is your account.</p>
      {/* Each tile is one link (stretched over the tile), so the whole tile can be tapped. */}
      <ul className="grid gap-4 sm:grid-cols-2">
        <li className="card relative flex flex-col gap-1 p-5 transition-shadow hover:shadow-md sm:p-6">
          <Link href="/account/orders" className="self-start text-lg font-semibold after:absolute after:inset-0 after:rounded-2xl">
            Your orders
          </Link>
          <p className="text-muted">What you have ordered, newest first.</p>
        </li>
        <li className="card relative flex flex-col gap-1 p-5 transition-shadow hover:shadow-md sm:p-6">
          <Link href="/account/security" className="self-start text-lg font-semibold after:absolute after:inset-0 after:rounded-2xl">
            Security
          </Link>
          <p className="text-muted">Where you are logged in, and your password.</p>
        </li>
        {user.role === "admin" && (
          <li className="card relative flex flex-col gap-1 p-5 transition-shadow hover:shadow-md sm:p-6">
            <Link href="/admin/cookies" className="self-start text-lg font-semibold after:absolute after:inset-0 after:rounded-2xl">
              Manage the catalog
            </Link>
            <p className="text-muted">Add, edit and retire cookies.</p>
          </li>
        )}
      </ul>
    </section>
  );
}
