/**
 * The drawings in public/illustrations, made for this shop. Staff pick one for each cookie;
 * no image is ever fetched from elsewhere.
 */
export const ILLUSTRATIONS = {
  "chocolate-chip": "Chocolate chip",
  "double-chocolate": "Double chocolate",
  gingerbread: "Gingerbread",
  "jam-thumbprint": "Jam thumbprint",
  "lemon-shortbread": "Lemon shortbread",
  macadamia: "White chocolate macadamia",
  "oatmeal-raisin": "Oatmeal raisin",
  "peanut-butter": "Peanut butter",
  snickerdoodle: "Snickerdoodle",
  "sugar-cookie": "Iced sugar cookie",
} as const;

export type Illustration = keyof typeof ILLUSTRATIONS;

export const ILLUSTRATION_KEYS = Object.keys(ILLUSTRATIONS) as [Illustration, ...Illustration[]];

export const DEFAULT_ILLUSTRATION: Illustration = "sugar-cookie";

/** The drawing's address; an unknown key (a row edited by hand) shows the default. */
export function illustrationSrc(key: string): string {
  const known = Object.hasOwn(ILLUSTRATIONS, key) ? key : DEFAULT_ILLUSTRATION;
  return `/illustrations/${known}.svg`;
}
