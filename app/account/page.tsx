import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/dal";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  return (
    <section className="card">
      <h1>Welcome, {user.email}!</h1>
      <p>This is your account.</p>
      <p>
        <Link href="/account/security">Security</Link>: where you are logged in, and your password.
      </p>
    </section>
  );
}
