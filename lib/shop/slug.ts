/** A cookie's URL-friendly name, made from what staff typed: "Crème Brûlée Bites" → "creme-brulee-bites". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "") // accents, separated from their letters by NFKD
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "cookie";
}
