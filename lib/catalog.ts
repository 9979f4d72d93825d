import "server-only";
import { db } from "./db";

export type CatalogCookie = { slug: string; name: string; description: string; priceCents: number };

export function listCookies(): Promise<CatalogCookie[]> {
  return db.cookie.findMany({
    select: { slug: true, name: true, description: true, priceCents: true },
    orderBy: { name: "asc" },
  });
}

const euros = new Intl.NumberFormat("en-IE", { style: "currency", currency: "EUR" });

export function formatPrice(priceCents: number): string {
  return euros.format(priceCents / 100);
}
