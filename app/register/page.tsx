import type { Metadata } from "next";
import { requireAnonymous } from "@/lib/auth/guard/dal";
import { sanitizeNextPath } from "@/lib/auth/guard/next-path";
import { NEW_PASSWORD_HINT } from "@/lib/auth/password/policy";
import { RegisterForm } from "./register-form";

export const metadata: Metadata = { title: "Create an account" };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function RegisterPage({ searchParams }: Props) {
  const { next: rawNext } = await searchParams;
  await requireAnonymous(rawNext);

  return (
    <section className="card narrow">
      <h1>Create an account</h1>
      <RegisterForm
        next={sanitizeNextPath(rawNext)}
        passwordHint={NEW_PASSWORD_HINT}
      />
    </section>
  );
}
