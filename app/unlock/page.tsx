import type { Metadata } from "next";
import Link from "next/link";
import { Notice, type Notices } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { unlockLogin } from "@/lib/flows/account-actions";
import { unlockLinkAddress } from "@/lib/auth/recovery/login-unlock";

export const metadata: Metadata = { title: "Allow logins again" };

const NOTICES: Notices = {
  unlocked: { text: "Logins are allowed again. You can log in with your password." },
  "invalid-link": { text: "This link has expired or has already been used.", problem: true },
};

type Props = { searchParams: Promise<{ token?: string | string[]; notice?: string | string[] }> };

/** What to do when the link no longer works: the reset always lifts the pause too. */
function ResetInstead() {
  return (
    <p>
      An unlock link works once, for 7 days, and only one is sent each time logins are paused. To log in now, choose a new password:{" "}
      <Link href="/forgot-password">Reset your password</Link>.
    </p>
  );
}

/**
 * The page an unlock mail links to, after an email's password logins were capped. Opening
 * it changes nothing: the owner presses a button, so a mail scanner that follows links
 * cannot use the link up. Middleware sends it with Referrer-Policy: no-referrer (the token
 * is in its address).
 */
export default async function UnlockPage({ searchParams }: Props) {
  const { token, notice } = await searchParams;
  if (notice !== undefined) {
    return (
      <section className="card narrow stack">
        <h1>Allow logins again</h1>
        <Notice code={notice} notices={NOTICES} />
        {notice === "unlocked" ? (
          <p>
            <Link href="/login">Log in</Link>
          </p>
        ) : (
          <ResetInstead />
        )}
      </section>
    );
  }

  const email = await unlockLinkAddress(token);
  return (
    <section className="card narrow stack">
      <h1>Allow logins again</h1>
      {email && typeof token === "string" ? (
        <form action={unlockLogin} className="stack">
          <input type="hidden" name="token" value={token} />
          <p>
            Password logins for <strong className="wrap-anywhere">{email}</strong> were paused after too many failed attempts. Allow
            them again?
          </p>
          <SubmitButton pendingText="Allowing…">Allow logins again</SubmitButton>
        </form>
      ) : (
        <>
          <Notice code="invalid-link" notices={NOTICES} />
          <ResetInstead />
        </>
      )}
    </section>
  );
}
