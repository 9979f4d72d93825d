import type { Metadata } from "next";
import { requireAnonymous } from "@/lib/auth/guard/dal";
import { sanitizeNextPath } from "@/lib/auth/guard/next-path";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Log in" };

/** Notices other pages may send a visitor here with; unknown codes show nothing. */
const NOTICES: Record<string, string> = {
  "logged-out": "You have been logged out.",
  "session-expired": "Your session has expired. Please log in again.",
  "two-factor-expired": "That login has expired. Please log in again.",
  "password-reset-two-factor": "Your password has been changed. Log in with it and a code from your authenticator app.",
};

type Props = { searchParams: Promise<{ next?: string | string[]; notice?: string | string[] }> };

export default async function LoginPage({ searchParams }: Props) {
  const { next: rawNext, notice } = await searchParams;
  await requireAnonymous(rawNext);
  const next = sanitizeNextPath(rawNext);
  const message = typeof notice === "string" ? NOTICES[notice] : undefined;

  return (
    <section className="card narrow">
      <h1>Log in</h1>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <LoginForm next={next} />
    </section>
  );
}
