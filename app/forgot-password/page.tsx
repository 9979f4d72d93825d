import type { Metadata } from "next";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <section className="card narrow">
      <h1>Forgot your password?</h1>
      <p className="mb-5 text-muted">
        Enter the address you log in with. We will send it a link to choose a new password.
      </p>
      <ForgotPasswordForm />
    </section>
  );
}
