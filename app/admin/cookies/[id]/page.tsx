import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/guard/dal";
import { flashedState } from "@/lib/shop/admin-requests";
import { findCookie } from "@/lib/shop/catalog";
import { centsToInput } from "@/lib/shop/money";
import { CookieForm } from "../cookie-form";

export const metadata: Metadata = { title: "Edit a cookie" };

type Props = { params: Promise<{ id: string }> };

export default async function EditCookiePage({ params }: Props) {
  const { id } = await params;
  const formPage = `/admin/cookies/${encodeURIComponent(id)}`;
  await requireAdmin(formPage);
  const cookie = await findCookie(id);
  if (!cookie) notFound();
  return (
    <section className="card mx-auto max-w-xl">
      <h1>Edit {cookie.name}</h1>
      <CookieForm
        cookieId={cookie.id}
        state={await flashedState(formPage)}
        submitLabel="Save changes"
        initial={{ name: cookie.name, description: cookie.description, price: centsToInput(cookie.priceCents), illustration: cookie.illustration }}
      />
    </section>
  );
}
