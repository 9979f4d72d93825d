import type { PrismaClient } from "../lib/generated/prisma/client";

/** The catalog a fresh shop starts with. Prices in cents. */
const SEED_COOKIES = [
  {
    slug: "chocolate-chip",
    name: "Chocolate Chip",
    description: "Brown butter dough, dark chocolate chunks and a pinch of sea salt.",
    priceCents: 250,
  },
  {
    slug: "oatmeal-raisin",
    name: "Oatmeal Raisin",
    description: "Chewy rolled oats, plump raisins and a warm hint of cinnamon.",
    priceCents: 225,
  },
  {
    slug: "double-chocolate",
    name: "Double Chocolate",
    description: "Cocoa dough with milk and white chocolate, soft in the middle.",
    priceCents: 275,
  },
  {
    slug: "peanut-butter",
    name: "Peanut Butter",
    description: "Roasted peanut butter, crisp edges and the classic fork marks.",
    priceCents: 240,
  },
  {
    slug: "snickerdoodle",
    name: "Snickerdoodle",
    description: "Pillowy vanilla cookie rolled in cinnamon sugar.",
    priceCents: 220,
  },
  {
    slug: "lemon-shortbread",
    name: "Lemon Shortbread",
    description: "Buttery shortbread with fresh lemon zest and a sugar glaze.",
    priceCents: 260,
  },
  {
    slug: "sugar-cookie",
    name: "Iced Sugar Cookie",
    description: "Soft vanilla sugar cookie with pink icing and rainbow sprinkles.",
    priceCents: 230,
  },
  {
    slug: "gingerbread",
    name: "Gingerbread Friend",
    description: "Spiced with ginger, cinnamon and clove, iced by hand with a smile.",
    priceCents: 280,
  },
  {
    slug: "macadamia",
    name: "White Chocolate Macadamia",
    description: "Toasted macadamia nuts and creamy white chocolate in a golden dough.",
    priceCents: 295,
  },
  {
    slug: "jam-thumbprint",
    name: "Raspberry Thumbprint",
    description: "Almond butter cookie with a glossy raspberry jam centre.",
    priceCents: 245,
  },
] as const;

/**
 * Adds the catalog cookies that are missing, each with the drawing of the same name; never
 * overwrites what staff have changed, nor brings back a cookie they retired.
 */
export async function seedCatalog(db: PrismaClient): Promise<number> {
  let created = 0;
  for (const cookie of SEED_COOKIES) {
    const existing = await db.cookie.findUnique({ where: { slug: cookie.slug }, select: { id: true } });
    if (existing) continue;
    await db.cookie.create({ data: { ...cookie, illustration: cookie.slug } });
    created++;
  }
  return created;
}
