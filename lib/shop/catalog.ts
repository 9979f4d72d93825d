import "server-only";
import { randomBytes } from "node:crypto";
import { db, isUniqueViolation } from "../db/client";
import type { CookieInput } from "./schemas";
import { slugify } from "./slug";

/** What the catalog and the cart show of a cookie. */
export type CatalogCookie = {
  id: string;
  slug: string;
  name: string;
  description: string;
  priceCents: number;
  illustration: string;
};

export const catalogFields = {
  id: true,
  slug: true,
  name: true,
  description: true,
  priceCents: true,
  illustration: true,
} as const;

/** The cookies on sale; retired ones are left out. */
export function listCookies(): Promise<CatalogCookie[]> {
  return db.cookie.findMany({ where: { retiredAt: null }, select: catalogFields, orderBy: { name: "asc" } });
}

/** One cookie on sale, or null when it does not exist or has been retired. */
export function findCookieOnSale(id: string): Promise<CatalogCookie | null> {
  return db.cookie.findFirst({ where: { id, retiredAt: null }, select: catalogFields });
}

// ---- For staff (callers check the role: lib/shop/admin-requests.ts and the app/admin pages)

export type StaffCookie = CatalogCookie & { retiredAt: Date | null };

export function listAllCookies(): Promise<StaffCookie[]> {
  return db.cookie.findMany({
    select: { ...catalogFields, retiredAt: true },
    orderBy: [{ retiredAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
  });
}

export function findCookie(id: string): Promise<StaffCookie | null> {
  return db.cookie.findUnique({ where: { id }, select: { ...catalogFields, retiredAt: true } });
}

/** Adds a cookie to the catalog. Its slug comes from the name, with a suffix if that is taken. */
export async function createCookie(input: CookieInput): Promise<{ id: string }> {
  const create = (slug: string) => db.cookie.create({ data: { ...cookieData(input), slug }, select: { id: true } });
  const slug = slugify(input.name);
  try {
    return await create(slug);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return create(`${slug}-${randomBytes(3).toString("hex")}`);
  }
}

/** Changes a cookie's details. Past orders keep their own copy of the old name and price. */
export async function updateCookie(id: string, input: CookieInput): Promise<boolean> {
  const { count } = await db.cookie.updateMany({ where: { id }, data: cookieData(input) });
  return count === 1;
}

/**
 * Takes a cookie off sale, and out of every signed-in customer's cart, in one step (a
 * visitor's cookie cart simply stops showing it). Restoring puts it back on sale.
 */
export async function setRetired(id: string, retired: boolean): Promise<boolean> {
  if (!retired) {
    const { count } = await db.cookie.updateMany({ where: { id }, data: { retiredAt: null } });
    return count === 1;
  }
  const [{ count }] = await db.$transaction([
    db.cookie.updateMany({ where: { id, retiredAt: null }, data: { retiredAt: new Date() } }),
    db.cartItem.deleteMany({ where: { cookieId: id } }),
  ]);
  return count === 1;
}

function cookieData({ name, description, price, illustration }: CookieInput) {
  return { name, description, priceCents: price, illustration };
}
