import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CartQuantities,
  MAX_CART_LINES,
  MAX_QUANTITY,
  changeGuestCart,
  parseGuestCart,
  quantityAfter,
  serializeGuestCart,
} from "./guest-cart";

// The guest cart is a cookie the visitor controls: whatever they send must read as a cart
// within the limits, or as nothing.

const entries = (cart: CartQuantities) => [...cart];
const ids = (count: number) => Array.from({ length: count }, (_, i) => `c${i}`);
const fullCart = (): CartQuantities => new Map(ids(MAX_CART_LINES).map((id) => [id, 1]));

describe("parseGuestCart", () => {
  it("reads well-formed lines in the order they were added", () => {
    expect(entries(parseGuestCart("abc:2|x9:1|zz:24"))).toEqual([
      ["abc", 2],
      ["x9", 1],
      ["zz", 24],
    ]);
    expect(entries(parseGuestCart("a".repeat(40) + ":3"))).toEqual([["a".repeat(40), 3]]);
  });

  it.each([undefined, "", "|", "||"])("reads %j as an empty cart", (value) => {
    expect(parseGuestCart(value).size).toBe(0);
  });

  it.each([
    ["an id with capitals", "ABC:1"],
    ["an id with a dash", "a-b:1"],
    ["an id with an underscore", "__proto__:1"],
    ["an id with a dot", "../x:1"],
    ["an id longer than 40", `${"a".repeat(41)}:1`],
    ["an empty id", ":1"],
    ["no quantity", "abc"],
    ["an empty quantity", "abc:"],
    ["an exponent", "abc:1e3"],
    ["a negative quantity", "abc:-1"],
    ["zero", "abc:0"],
    ["a fraction", "abc:1.5"],
    ["a hex number", "abc:0x1"],
    ["a plus sign", "abc:+1"],
    ["spaces", "abc: 1"],
    ["extra colons", "abc:1:2"],
    ["a trailing colon", "abc:1:"],
    ["a huge quantity", "abc:1000"],
    ["a quantity beyond safe integers", "abc:99999999999999999999"],
    ["Infinity", "abc:Infinity"],
  ])("skips %s and keeps the well-formed lines around it", (_, entry) => {
    expect(entries(parseGuestCart(`good1:1|${entry}|good2:2`))).toEqual([
      ["good1", 1],
      ["good2", 2],
    ]);
  });

  it("caps one line's quantity at MAX_QUANTITY", () => {
    expect(entries(parseGuestCart("abc:999"))).toEqual([["abc", MAX_QUANTITY]]);
  });

  it("sums repeated lines, capped at MAX_QUANTITY, keeping the first position", () => {
    expect(entries(parseGuestCart("abc:2|xyz:1|abc:3"))).toEqual([
      ["abc", 5],
      ["xyz", 1],
    ]);
    expect(entries(parseGuestCart("abc:20|abc:20|abc:20"))).toEqual([["abc", MAX_QUANTITY]]);
  });

  it("ignores a value longer than 4096 characters entirely", () => {
    const padded = `abc:1|${"x".repeat(4096 - "abc:1|".length)}`;
    expect(padded).toHaveLength(4096);
    expect(entries(parseGuestCart(padded))).toEqual([["abc", 1]]);
    expect(parseGuestCart(`${padded}x`).size).toBe(0);
  });

  it("keeps only the first MAX_CART_LINES different cookies", () => {
    const value = ids(MAX_CART_LINES + 5)
      .map((id) => `${id}:1`)
      .join("|");
    const cart = parseGuestCart(value);
    expect(cart.size).toBe(MAX_CART_LINES);
    expect([...cart.keys()]).toEqual(ids(MAX_CART_LINES));
  });

  it("still adds to a line already present when the cart is full", () => {
    const value = [...ids(MAX_CART_LINES).map((id) => `${id}:1`), "c0:4"].join("|");
    const cart = parseGuestCart(value);
    expect(cart.size).toBe(MAX_CART_LINES);
    expect(cart.get("c0")).toBe(5);
  });

  it("never yields more than the limits, whatever it is given", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600, unit: fc.constantFrom("a", "b", "1", ":", "|", "0", "9", "-", "e", "A") }), (value) => {
        const cart = parseGuestCart(value);
        expect(cart.size).toBeLessThanOrEqual(MAX_CART_LINES);
        for (const [id, quantity] of cart) {
          expect(id).toMatch(/^[a-z0-9]{1,40}$/);
          expect(Number.isInteger(quantity)).toBe(true);
          expect(quantity).toBeGreaterThanOrEqual(1);
          expect(quantity).toBeLessThanOrEqual(MAX_QUANTITY);
        }
      }),
    );
  });
});

describe("serializeGuestCart", () => {
  it("writes id:quantity lines joined by |", () => {
    expect(serializeGuestCart(new Map([["abc", 2], ["x9", 24]]))).toBe("abc:2|x9:24");
    expect(serializeGuestCart(new Map())).toBe("");
  });

  const validCart = fc
    .uniqueArray(fc.tuple(fc.stringMatching(/^[a-z0-9]{1,40}$/), fc.integer({ min: 1, max: MAX_QUANTITY })), {
      selector: ([id]) => id,
      maxLength: MAX_CART_LINES,
    })
    .map((lines) => new Map(lines));

  it("reads back exactly the cart it wrote", () => {
    fc.assert(
      fc.property(validCart, (cart) => {
        const value = serializeGuestCart(cart);
        expect(value.length).toBeLessThanOrEqual(4096);
        expect(entries(parseGuestCart(value))).toEqual(entries(cart));
      }),
    );
  });

  it("writes any parsed cart so that it parses to the same cart", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: fc.constantFrom("a", "b", "1", ":", "|", "0", "2", "x") }), (value) => {
        const cart = parseGuestCart(value);
        expect(entries(parseGuestCart(serializeGuestCart(cart)))).toEqual(entries(cart));
      }),
    );
  });
});

describe("quantityAfter", () => {
  it("adds to the current quantity or replaces it", () => {
    expect(quantityAfter(2, 1, { cookieId: "a", quantity: 3, mode: "add" })).toBe(5);
    expect(quantityAfter(undefined, 0, { cookieId: "a", quantity: 3, mode: "add" })).toBe(3);
    expect(quantityAfter(2, 1, { cookieId: "a", quantity: 3, mode: "set" })).toBe(3);
    expect(quantityAfter(undefined, 0, { cookieId: "a", quantity: 3, mode: "set" })).toBe(3);
  });

  it("caps at MAX_QUANTITY", () => {
    expect(quantityAfter(20, 1, { cookieId: "a", quantity: 10, mode: "add" })).toBe(MAX_QUANTITY);
    expect(quantityAfter(undefined, 0, { cookieId: "a", quantity: 100, mode: "set" })).toBe(MAX_QUANTITY);
  });

  it("gives 0 (remove) when set to 0", () => {
    expect(quantityAfter(5, 1, { cookieId: "a", quantity: 0, mode: "set" })).toBe(0);
  });

  it("refuses a new line in a full cart but lets an existing line change", () => {
    expect(quantityAfter(undefined, MAX_CART_LINES, { cookieId: "a", quantity: 1, mode: "add" })).toBeNull();
    expect(quantityAfter(undefined, MAX_CART_LINES, { cookieId: "a", quantity: 1, mode: "set" })).toBeNull();
    expect(quantityAfter(undefined, MAX_CART_LINES - 1, { cookieId: "a", quantity: 1, mode: "add" })).toBe(1);
    expect(quantityAfter(3, MAX_CART_LINES, { cookieId: "a", quantity: 1, mode: "add" })).toBe(4);
    expect(quantityAfter(3, MAX_CART_LINES, { cookieId: "a", quantity: 0, mode: "set" })).toBe(0);
  });
});

describe("changeGuestCart", () => {
  it("adds a new line at the end and adds to an existing one", () => {
    const cart = new Map([["abc", 2]]);
    expect(entries(changeGuestCart(cart, { cookieId: "xyz", quantity: 1, mode: "add" })!)).toEqual([
      ["abc", 2],
      ["xyz", 1],
    ]);
    expect(entries(changeGuestCart(cart, { cookieId: "abc", quantity: 3, mode: "add" })!)).toEqual([["abc", 5]]);
  });

  it("sets a quantity, capped at MAX_QUANTITY", () => {
    const cart = new Map([["abc", 2]]);
    expect(entries(changeGuestCart(cart, { cookieId: "abc", quantity: 7, mode: "set" })!)).toEqual([["abc", 7]]);
    expect(entries(changeGuestCart(cart, { cookieId: "abc", quantity: 50, mode: "set" })!)).toEqual([["abc", MAX_QUANTITY]]);
    expect(entries(changeGuestCart(cart, { cookieId: "abc", quantity: 23, mode: "add" })!)).toEqual([["abc", MAX_QUANTITY]]);
  });

  it("removes a line set to 0, and setting an absent line to 0 changes nothing", () => {
    const cart = new Map([
      ["abc", 2],
      ["xyz", 1],
    ]);
    expect(entries(changeGuestCart(cart, { cookieId: "abc", quantity: 0, mode: "set" })!)).toEqual([["xyz", 1]]);
    expect(entries(changeGuestCart(cart, { cookieId: "nope", quantity: 0, mode: "set" })!)).toEqual(entries(cart));
  });

  it("refuses a new line in a full cart but still changes or removes an existing one", () => {
    const cart = fullCart();
    expect(changeGuestCart(cart, { cookieId: "extra", quantity: 1, mode: "add" })).toBeNull();
    expect(changeGuestCart(cart, { cookieId: "extra", quantity: 1, mode: "set" })).toBeNull();
    expect(changeGuestCart(cart, { cookieId: "c3", quantity: 2, mode: "add" })?.get("c3")).toBe(3);
    expect(changeGuestCart(cart, { cookieId: "c3", quantity: 9, mode: "set" })?.get("c3")).toBe(9);
    const removed = changeGuestCart(cart, { cookieId: "c3", quantity: 0, mode: "set" });
    expect(removed?.size).toBe(MAX_CART_LINES - 1);
    expect(removed?.has("c3")).toBe(false);
    expect(changeGuestCart(removed!, { cookieId: "extra", quantity: 1, mode: "add" })?.get("extra")).toBe(1);
  });

  it("never changes the map it is given", () => {
    const cart = new Map([
      ["abc", 2],
      ["xyz", 1],
    ]);
    const before = entries(cart);
    const changes = [
      { cookieId: "abc", quantity: 3, mode: "add" },
      { cookieId: "abc", quantity: 0, mode: "set" },
      { cookieId: "new", quantity: 1, mode: "add" },
    ] as const;
    for (const change of changes) {
      const next = changeGuestCart(cart, change);
      expect(next).not.toBe(cart);
      expect(entries(cart)).toEqual(before);
    }
  });
});
