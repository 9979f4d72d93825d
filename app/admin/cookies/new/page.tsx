import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/guard/dal";
import { flashedState } from "@/lib/shop/admin-requests";
import { DEFAULT_ILLUSTRATION } from "@/lib/shop/illustrations";
import { CookieForm } from "../cookie-form";

export const metadata: Metadata = { title: "Add a cookie" };

export default async function NewCookiePage() {
  await requireAdmin("/admin/cookies/new");
  const state = await flashedState("/admin/cookies/new");
  return (
    <section className="card mx-auto max-w-xl">
      <h1>Add a cookie</h1>
      <CookieForm state={state} submitLabel="Add cookie" initial={{ name: "", description: "", price: "", illustration: DEFAULT_ILLUSTRATION }} />
    </section>
  );
}
