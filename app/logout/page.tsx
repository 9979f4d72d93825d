import type { Metadata } from "next";
import Link from "next/link";
import { SubmitButton } from "@/app/_components/submit-button";
import { logout } from "@/lib/flows/account-actions";
import { getCurrentUser } from "@/lib/auth/guard/dal";

export const metadata: Metadata = { title: "Log out" };

/** GET only asks; logging out is the POST of this form (a GET must never change state). */
export default async function LogoutPage() {
  const user = await getCurrentUser();
  return (
    <section className="card narrow">
      <h1>Log out</h1>
      {user ? (
        <form action={logout} className="stack">
          <p>
            You are logged in as <strong>{user.email}</strong>. Log out of Cookieshop on this device?
          </p>
          <SubmitButton pendingText="Logging out…">Log out</SubmitButton>
        </form>
      ) : (
        <p>
          You are not logged in. <Link href="/login">Log in</Link>
        </p>
      )}
    </section>
  );
}
