import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/dal";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  return (
    <section className="card">
      <h1>Welcome, {user.email}!</h1>
      <p>This is your account. Your orders and security settings will appear here.</p>
    </section>
  );
}
