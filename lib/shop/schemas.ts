import { z } from "zod";
import { hasControlCharacter } from "../text/control-characters";
import { MAX_CART_LINES, MAX_QUANTITY, isCookieId } from "./guest-cart";
import { ILLUSTRATION_KEYS } from "./illustrations";
import { MAX_PRICE_CENTS, formatPrice, parsePriceToCents } from "./money";

/**
 * One schema per shop form (cart, checkout, staff's catalog), strict like the account forms'
 * (lib/auth/schemas.ts): a key they do not name is refused.
 */

const cookieIdSchema = z
  .string({ error: "Choose a cookie." })
  .refine(isCookieId, "That cookie is not in our catalog.");

/** A whole number as a form sends it ("3") or as JSON does (3); "", "1e1" or "0x10" are not. */
const wholeNumber = (message: string) =>
  z.preprocess(
    (value) => (typeof value === "string" && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : value),
    z.number({ error: message }).int(message),
  );

const quantitySchema = (min: number) => {
  const message = `Enter a whole number from ${min} to ${MAX_QUANTITY}.`;
  return wholeNumber(message).pipe(z.number().min(min, message).max(MAX_QUANTITY, `At most ${MAX_QUANTITY} of one cookie.`));
};

/** "Add to cart": one cookie, one by default. */
export const addToCartSchema = z.strictObject({
  cookieId: cookieIdSchema,
  quantity: z.preprocess((value) => value ?? "1", quantitySchema(1)),
});

/** The cart page's quantity field; 0 removes the line. */
export const cartLineSchema = z.strictObject({
  cookieId: cookieIdSchema,
  quantity: quantitySchema(0),
});

/** The random key a checkout form carries (lib/shop/orders.ts): 128 bits, base64url. */
export const CHECKOUT_KEY_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const placeOrderSchema = z.strictObject({
  checkoutKey: z.string().regex(CHECKOUT_KEY_PATTERN, "The checkout form has expired. Please review your order again."),
  /** The total the customer saw; the order is refused if the cart no longer adds up to it. */
  expectedTotalCents: wholeNumber("The checkout form could not be read.").pipe(
    z.number().min(0).max(MAX_CART_LINES * MAX_QUANTITY * MAX_PRICE_CENTS),
  ),
});

const NO_CONTROL_CHARACTERS = "Use letters, digits and punctuation, without control characters.";

/** Staff's form for adding or editing a cookie. */
export const cookieSchema = z.strictObject({
  name: z
    .string({ error: "Enter a name." })
    .trim()
    .min(2, "Enter a name of at least 2 characters.")
    .max(60, "Use at most 60 characters.")
    .refine((name) => !hasControlCharacter(name), NO_CONTROL_CHARACTERS),
  description: z
    .string({ error: "Enter a description." })
    .trim()
    .min(10, "Describe the cookie in at least 10 characters.")
    .max(300, "Use at most 300 characters.")
    .refine((description) => !hasControlCharacter(description, { allowLineBreaks: true }), NO_CONTROL_CHARACTERS),
  price: z
    .string({ error: "Enter a price." })
    .transform((text, ctx) => {
      const cents = parsePriceToCents(text);
      if (cents === null) {
        ctx.addIssue({ code: "custom", message: "Enter a price in euros, like 2.50." });
        return z.NEVER;
      }
      return cents;
    })
    .pipe(
      z
        .number()
        .min(1, "The price must be more than €0.00.")
        .max(MAX_PRICE_CENTS, `The price must be at most ${formatPrice(MAX_PRICE_CENTS)}.`),
    ),
  illustration: z.enum(ILLUSTRATION_KEYS, { error: "Choose one of the drawings." }),
});

export type CookieInput = z.infer<typeof cookieSchema>;
