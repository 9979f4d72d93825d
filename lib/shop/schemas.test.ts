import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_CART_LINES, MAX_QUANTITY } from "./guest-cart";
import { MAX_PRICE_CENTS } from "./money";
import { CHECKOUT_KEY_PATTERN, addToCartSchema, cartLineSchema, cookieSchema, placeOrderSchema } from "./schemas";

function fieldErrors(result: { error?: z.ZodError }): Record<string, string[] | undefined> {
  return result.error ? z.flattenError(result.error).fieldErrors : {};
}

describe("addToCartSchema", () => {
  const cookieId = "cabc123";

  it("adds one when no quantity is sent", () => {
    expect(addToCartSchema.parse({ cookieId })).toEqual({ cookieId, quantity: 1 });
  });

  it.each([
    ["3", 3],
    [3, 3],
    [" 3 ", 3],
    ["1", 1],
    [String(MAX_QUANTITY), MAX_QUANTITY],
    [MAX_QUANTITY, MAX_QUANTITY],
  ])("reads the quantity %j as %i", (quantity, expected) => {
    expect(addToCartSchema.parse({ cookieId, quantity })).toEqual({ cookieId, quantity: expected });
  });

  it.each(["", " ", "0", 0, "-1", -1, "1e1", "0x10", "2.5", 2.5, "3a", "+3", "1_0", "Infinity", Infinity, Number.NaN, true, [3], {}])(
    "refuses the quantity %j",
    (quantity) => {
      const errors = fieldErrors(addToCartSchema.safeParse({ cookieId, quantity }));
      expect(errors).toEqual({ quantity: [expect.stringMatching(new RegExp(`from 1 to ${MAX_QUANTITY}`))] });
    },
  );

  it.each([String(MAX_QUANTITY + 1), MAX_QUANTITY + 1, "999999999"])("refuses more than MAX_QUANTITY: %j", (quantity) => {
    expect(fieldErrors(addToCartSchema.safeParse({ cookieId, quantity }))).toEqual({
      quantity: [`At most ${MAX_QUANTITY} of one cookie.`],
    });
  });

  it.each([undefined, "", "ABC", "a-b", "../x", "a".repeat(41), 42, null])("refuses the cookie id %j", (id) => {
    expect(fieldErrors(addToCartSchema.safeParse({ cookieId: id, quantity: "1" })).cookieId).toHaveLength(1);
  });

  it("refuses keys it does not know", () => {
    for (const extra of [{ priceCents: 1 }, { userId: "u1" }, JSON.parse('{"__proto__":{"x":1}}')]) {
      const result = addToCartSchema.safeParse({ cookieId, quantity: "1", ...extra });
      expect(result.success, JSON.stringify(extra)).toBe(false);
      expect(result.error?.issues).toEqual([expect.objectContaining({ code: "unrecognized_keys" })]);
    }
  });
});

describe("cartLineSchema", () => {
  const cookieId = "cabc123";

  it("allows 0, which removes the line, up to MAX_QUANTITY", () => {
    expect(cartLineSchema.parse({ cookieId, quantity: "0" })).toEqual({ cookieId, quantity: 0 });
    expect(cartLineSchema.parse({ cookieId, quantity: 0 })).toEqual({ cookieId, quantity: 0 });
    expect(cartLineSchema.parse({ cookieId, quantity: String(MAX_QUANTITY) })).toEqual({ cookieId, quantity: MAX_QUANTITY });
  });

  it.each([undefined, "", "-1", "1e1", "2.5", String(MAX_QUANTITY + 1)])("refuses the quantity %j", (quantity) => {
    expect(fieldErrors(cartLineSchema.safeParse({ cookieId, quantity })).quantity).toHaveLength(1);
  });

  it("refuses keys it does not know", () => {
    expect(cartLineSchema.safeParse({ cookieId, quantity: "1", mode: "add" }).success).toBe(false);
  });
});

describe("placeOrderSchema", () => {
  const checkoutKey = "AAAAAAAAAAAAAAAAAAAAAA";
  const maxTotal = MAX_CART_LINES * MAX_QUANTITY * MAX_PRICE_CENTS;

  it("accepts a 22-character base64url key and the total as a form or JSON sends it", () => {
    for (const key of [checkoutKey, "abcdefghijklmnopqrst-_", "0123456789ABCDEFGHIJKL"]) {
      expect(placeOrderSchema.parse({ checkoutKey: key, expectedTotalCents: "1250" })).toEqual({ checkoutKey: key, expectedTotalCents: 1250 });
    }
    expect(placeOrderSchema.parse({ checkoutKey, expectedTotalCents: 1250 }).expectedTotalCents).toBe(1250);
    expect(placeOrderSchema.parse({ checkoutKey, expectedTotalCents: String(maxTotal) }).expectedTotalCents).toBe(maxTotal);
  });

  it.each([
    "",
    "A".repeat(21),
    "A".repeat(23),
    `${"A".repeat(21)}+`,
    `${"A".repeat(21)}/`,
    `${"A".repeat(20)}==`,
    `${"A".repeat(21)}.`,
    `${"A".repeat(22)}\n`,
    ` ${"A".repeat(22)}`,
    `${"A".repeat(21)}é`,
  ])("refuses the checkout key %j", (key) => {
    expect(fieldErrors(placeOrderSchema.safeParse({ checkoutKey: key, expectedTotalCents: "100" }))).toEqual({
      checkoutKey: ["The checkout form has expired. Please review your order again."],
    });
    expect(CHECKOUT_KEY_PATTERN.test(key)).toBe(false);
  });

  it.each(["", "abc", "1e3", "12.50", 12.5, "-5", -5, String(maxTotal + 1), maxTotal + 1, undefined])("refuses the total %j", (total) => {
    expect(fieldErrors(placeOrderSchema.safeParse({ checkoutKey, expectedTotalCents: total })).expectedTotalCents).toHaveLength(1);
  });

  it("refuses keys it does not know", () => {
    expect(placeOrderSchema.safeParse({ checkoutKey, expectedTotalCents: "1", userId: "u2" }).success).toBe(false);
  });
});

describe("cookieSchema", () => {
  const valid = { name: "Chocolate chip", description: "Butter, brown sugar and dark chocolate.", price: "2.50", illustration: "chocolate-chip" };

  it("accepts a valid form, trimming the text and reading the price as cents", () => {
    expect(cookieSchema.parse({ ...valid, name: "  Chocolate chip  ", description: `  ${valid.description}\n` })).toEqual({
      name: "Chocolate chip",
      description: valid.description,
      price: 250,
      illustration: "chocolate-chip",
    });
  });

  it("measures the name and description after trimming", () => {
    expect(fieldErrors(cookieSchema.safeParse({ ...valid, name: "  A  " }))).toEqual({ name: ["Enter a name of at least 2 characters."] });
    expect(cookieSchema.safeParse({ ...valid, name: " Ab " }).data?.name).toBe("Ab");
    expect(cookieSchema.safeParse({ ...valid, name: ` ${"a".repeat(60)} ` }).success).toBe(true);
    expect(fieldErrors(cookieSchema.safeParse({ ...valid, name: "a".repeat(61) }))).toEqual({ name: ["Use at most 60 characters."] });
    expect(fieldErrors(cookieSchema.safeParse({ ...valid, description: "  too short  " }))).toEqual({
      description: ["Describe the cookie in at least 10 characters."],
    });
    expect(cookieSchema.safeParse({ ...valid, description: ` ${"d".repeat(300)} ` }).success).toBe(true);
    expect(fieldErrors(cookieSchema.safeParse({ ...valid, description: "d".repeat(301) }))).toEqual({
      description: ["Use at most 300 characters."],
    });
  });

  it("refuses control characters (PostgreSQL cannot store NUL), but keeps line breaks in the description", () => {
    const message = ["Use letters, digits and punctuation, without control characters."];
    for (const bad of ["Choc\u0000chip", "Choc\u0007chip", "Choc\nchip", "Choc\u007fchip"]) {
      expect(fieldErrors(cookieSchema.safeParse({ ...valid, name: bad })), JSON.stringify(bad)).toEqual({ name: message });
    }
    expect(fieldErrors(cookieSchema.safeParse({ ...valid, description: "Dark and\u0000 sweet." }))).toEqual({ description: message });
    const lines = "Dark chocolate.\r\nSea salt.\tCrisp.";
    expect(cookieSchema.parse({ ...valid, description: lines }).description).toBe(lines);
  });

  it.each([
    ["2.50", 250],
    ["2,5", 250],
    ["€ 3", 300],
    ["0.01", 1],
    ["100", MAX_PRICE_CENTS],
    [" 100.00 ", MAX_PRICE_CENTS],
  ])("reads the price %j as %i cents", (price, cents) => {
    expect(cookieSchema.parse({ ...valid, price }).price).toBe(cents);
  });

  it.each([
    ["0", "The price must be more than €0.00."],
    ["0.00", "The price must be more than €0.00."],
    ["100.01", "The price must be at most €100.00."],
    ["2500", "The price must be at most €100.00."],
    ["", "Enter a price in euros, like 2.50."],
    ["2.505", "Enter a price in euros, like 2.50."],
    ["-1", "Enter a price in euros, like 2.50."],
    ["abc", "Enter a price in euros, like 2.50."],
  ])("refuses the price %j with one clear message", (price, message) => {
    expect(fieldErrors(cookieSchema.safeParse({ ...valid, price }))).toEqual({ price: [message] });
  });

  it.each(["", "unknown", "../x", "__proto__", "Gingerbread", undefined])("refuses the drawing %j", (illustration) => {
    expect(fieldErrors(cookieSchema.safeParse({ ...valid, illustration }))).toEqual({ illustration: ["Choose one of the drawings."] });
  });

  it("names every missing field with its own message", () => {
    expect(fieldErrors(cookieSchema.safeParse({}))).toEqual({
      name: ["Enter a name."],
      description: ["Enter a description."],
      price: ["Enter a price."],
      illustration: ["Choose one of the drawings."],
    });
    expect(fieldErrors(cookieSchema.safeParse({ ...valid, price: 2.5 }))).toEqual({ price: ["Enter a price."] });
  });

  it("refuses keys it does not know", () => {
    for (const extra of [{ slug: "x" }, { retiredAt: null }, { priceCents: 1 }]) {
      expect(cookieSchema.safeParse({ ...valid, ...extra }).success, JSON.stringify(extra)).toBe(false);
    }
  });
});
