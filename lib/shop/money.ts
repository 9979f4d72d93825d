/** Money is whole cents everywhere; euros appear only when a price is shown or typed. */

/** The dearest price the catalog accepts, a guard against a typo such as 2500 for 2.50. */
export const MAX_PRICE_CENTS = 100_00;

const euros = new Intl.NumberFormat("en-IE", { style: "currency", currency: "EUR" });

export function formatPrice(priceCents: number): string {
  return euros.format(priceCents / 100);
}

/** A typed price such as "2.50", "2,5", "€ 3" or "12": whole cents, or null when it is not a price. */
export function parsePriceToCents(text: string): number | null {
  const match = /^(?:€\s*)?(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const [, whole, fraction = ""] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** Cents as the admin form shows them for editing: "2.50". */
export function centsToInput(priceCents: number): string {
  return (priceCents / 100).toFixed(2);
}
