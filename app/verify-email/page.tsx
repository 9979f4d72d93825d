import type { Metadata } from "next";
import Link from "next/link";
import { Notice, type Notices } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { confirmEmail } from "@/lib/flows/account-actions";
import { confirmationLinkAddress } from "@/lib/auth/recovery/email-confirmation";

export const metadata: Metadata = { title: "Confirm your email address" };

const NOTICES: Notices = {
  confirmed: { text: "Thank you! Your email address is confirmed." },
  changed: { text: "Your email address is changed. Log in with the new address from now on." },
  "invalid-link": { text: "This link has expired or has already been used.", problem: true },
  "email-taken": { text: "That address now belongs to another account, so yours was not changed.", problem: true },
};

type Props = { searchParams: Promise<{ token?: string | string[]; notice?: string | string[] }> };

/**
 * The page a confirmation mail links to. Opening it changes nothing: the visitor confirms
 * with a button, so a mail scanner that follows links cannot use the link up. Middleware
 * sends it with Referrer-Policy: no-referrer (the token is in its address).
 */
export default async function VerifyEmailPage({ searchParams }: Props) {
  const { token, notice } = await searchParams;
  if (notice !== undefined) {
    return (
      <section className="card narrow stack">
        <h1>Your email address</h1>
        <Notice code={notice} notices={NOTICES} />
        <p>
          <Link href="/cookies">Back to the cookies</Link> · <Link href="/account/security">Your account&apos;s security</Link>
        </p>
      </section>
    );
  }

  const link = await confirmationLinkAddress(token);
  return (
    <section className="card narrow stack">
      <h1>Confirm your email address</h1>
      {link && typeof token === "string" ? (
        <form action={confirmEmail} className="stack">
          <input type="hidden" name="token" value={token} />
          <p>
            {link.change ? "Move your account to " : "Confirm that "}
            <strong className="wrap-anywhere">{link.email}</strong>
            {link.change ? "? You will log in with this address from now on." : " is your address."}
          </p>
          <SubmitButton pendingText="Confirming…">Confirm my email address</SubmitButton>
        </form>
      ) : (
        <>
          <Notice code="invalid-link" notices={NOTICES} />
          <p>
            A link works once, for 24 hours, and only the newest one sent. Log in and use &ldquo;Send the link again&rdquo; on the{" "}
            <Link href="/account/security">Security page</Link> for a new one.
          </p>
        </>
      )}
    </section>
  );
}
