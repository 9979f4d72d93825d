import type { Metadata } from "next";
import { formatPrice, listCookies } from "@/lib/catalog";

export const metadata: Metadata = { title: "Our cookies" };

export default async function CookiesPage() {
  const cookies = await listCookies();
  return (
    <section>
      <h1>Our cookies</h1>
      <ul className="catalog">
        {cookies.map((cookie) => (
          <li key={cookie.slug} className="card">
            <h2>{cookie.name}</h2>
            <p>{cookie.description}</p>
            <p className="price">{formatPrice(cookie.priceCents)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
