import type { Metadata } from "next";
import Link from "next/link";
import { NEW_PASSWORD_HINT } from "@/lib/auth/password/policy";
import { findResetLink } from "@/lib/auth/recovery/password-reset";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

/** The page a reset mail links to. Middleware sends it with Referrer-Policy: no-referrer (the token is in its address). */
export default async function ResetPasswordPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const link = await findResetLink(token);

  return (
    <section className="card narrow">
      <h1>Choose a new password</h1>
      {link ? (
        <>
          <p className="mb-5 text-muted">
            For <strong className="text-ink wrap-anywhere">{link.accountEmail}</strong>. Every device signed in to this account will be
            signed out.
          </p>
          <ResetPasswordForm token={link.secret} passwordHint={NEW_PASSWORD_HINT} />
        </>
      ) : (
        <InvalidLink />
      )}
    </section>
  );
}

function InvalidLink() {
  return (
    <div className="stack">
      <p className="notice-problem" role="alert">
        This link has expired or has already been used.
      </p>
      <p>
        A link works once, for one hour, and only the newest one you asked for. <Link href="/forgot-password">Ask for a new link</Link>.
      </p>
    </div>
  );
}
