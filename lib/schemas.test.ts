import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  CHECKOUT_KEY_PATTERN,
  addToCartSchema,
  cartLineSchema,
  changeEmailSchema,
  changePasswordSchema,
  cookieSchema,
  forgotPasswordSchema,
  loginSchema,
  placeOrderSchema,
  registerSchema,
  resetPasswordSchema,
} from "./schemas";
import { MAX_CART_LINES, MAX_QUANTITY } from "./shop/guest-cart";
import { MAX_PRICE_CENTS } from "./shop/money";

const strong = "correct horse battery staple";

function fieldErrors(result: { error?: z.ZodError }): Record<string, string[] | undefined> {
  return result.error ? z.flattenError(result.error).fieldErrors : {};
}

describe("registerSchema", () => {
  it("accepts a valid form and normalizes the email", () => {
    const result = registerSchema.safeParse({
      email: "  Ann@Example.COM ",
      password: strong,
      passwordConfirmation: strong,
    });
    expect(result.success).toBe(true);
    expect(result.data?.email).toBe("ann@example.com");
    expect(result.data?.password).toBe(strong); // passwords are never trimmed or changed
  });

  it("refuses fields it does not know, so nothing can ride along to the database", () => {
    const valid = { email: "ann@example.com", password: strong, passwordConfirmation: strong };
    expect(Object.keys(registerSchema.parse(valid)).sort()).toEqual(["email", "password", "passwordConfirmation"]);
    for (const extra of [{ role: "admin" }, { active: false }, { id: "x" }, JSON.parse('{"__proto__":{"role":"admin"}}')]) {
      const result = registerSchema.safeParse({ ...valid, ...extra });
      expect(result.success, JSON.stringify(extra)).toBe(false);
      expect(result.error?.issues).toEqual([expect.objectContaining({ code: "unrecognized_keys", keys: Object.keys(extra) })]);
    }
    expect(loginSchema.safeParse({ email: "ann@example.com", password: "x", role: "admin" }).success).toBe(false);
  });

  it.each([
    ["", /Enter your email/],
    ["   ", /Enter your email/],
    ["not-an-email", /valid email/],
    ["ann@", /valid email/],
    ["@example.com", /valid email/],
    [`${"a".repeat(250)}@example.com`, /at most 254/],
  ])("rejects the email %j", (email, message) => {
    const errors = fieldErrors(registerSchema.safeParse({ email, password: strong, passwordConfirmation: strong }));
    expect(errors.email?.[0]).toMatch(message);
  });

  it("rejects a short password and a mismatched confirmation together", () => {
    const errors = fieldErrors(
      registerSchema.safeParse({ email: "ann@example.com", password: "short", passwordConfirmation: "other" }),
    );
    expect(errors.password?.[0]).toMatch(/at least 12/);
    expect(errors.passwordConfirmation?.[0]).toMatch(/do not match/);
  });

  it("rejects a password over 72 bytes with a clear message", () => {
    const long = "é".repeat(37);
    const errors = fieldErrors(
      registerSchema.safeParse({ email: "ann@example.com", password: long, passwordConfirmation: long }),
    );
    expect(errors.password?.[0]).toMatch(/at most 72 bytes/);
  });

  it("refuses a common password on the password field, saying why", () => {
    const errors = fieldErrors(
      registerSchema.safeParse({ email: "ann@example.com", password: "Password1234!", passwordConfirmation: "Password1234!" }),
    );
    expect(errors).toEqual({ password: [expect.stringMatching(/common password/)] });
  });

  it("refuses a password made from the email, as the form normalizes it", () => {
    const password = "AnnSmith loves tea";
    const errors = fieldErrors(
      registerSchema.safeParse({ email: " Ann.Smith@EXAMPLE.com", password, passwordConfirmation: password }),
    );
    expect(errors).toEqual({ password: [expect.stringMatching(/your email/)] });
    expect(registerSchema.safeParse({ email: "bob@example.com", password, passwordConfirmation: password }).success).toBe(true);
  });

  it("checks the password even while the email is invalid or missing", () => {
    for (const email of ["not-an-email", undefined]) {
      const errors = fieldErrors(registerSchema.safeParse({ email, password: "aaaaaaaaaaaa", passwordConfirmation: "aaaaaaaaaaaa" }));
      expect(errors.email).toHaveLength(1);
      expect(errors.password).toEqual([expect.stringMatching(/repeats a short piece/)]);
    }
  });

  it.each([null, 42, ["a"], { toString: "x" }, undefined])("rejects a non-string field %#", (value) => {
    const result = registerSchema.safeParse({ email: value, password: value, passwordConfirmation: value });
    expect(result.success).toBe(false);
    const errors = fieldErrors(result);
    expect(errors.email?.length).toBeGreaterThan(0);
    expect(errors.password?.length).toBeGreaterThan(0);
  });
});

describe("loginSchema", () => {
  it("normalizes the email and leaves the password alone", () => {
    const result = loginSchema.safeParse({ email: " ANN@example.com", password: ` ${strong} ` });
    expect(result.data).toEqual({ email: "ann@example.com", password: ` ${strong} `, remember: false });
  });

  it("refuses control characters in the email, which no stored address has (PostgreSQL cannot look up NUL)", () => {
    for (const email of ["ann\u0000@example.com", "ann\n@example.com", "\u0007ann@example.com"]) {
      expect(fieldErrors(loginSchema.safeParse({ email: `x${email}`, password: "x" })), JSON.stringify(email)).toEqual({
        email: ["Enter a valid email address, like name@example.com."],
      });
    }
  });

  it.each([
    ["on", true],
    [true, true],
    [false, false],
    [undefined, false],
  ])("reads remember me %j as %j", (remember, expected) => {
    const result = loginSchema.safeParse({ email: "ann@example.com", password: "x", remember });
    expect(result.data?.remember).toBe(expected);
  });

  it.each(["yes", "true", 1, null, ["on"]])("rejects remember me %j", (remember) => {
    expect(fieldErrors(loginSchema.safeParse({ email: "ann@example.com", password: "x", remember })).remember).toEqual([
      "Remember me is either on or off.",
    ]);
  });

  it("does not apply the registration policy (only compares)", () => {
    expect(loginSchema.safeParse({ email: "ann@example.com", password: "short" }).success).toBe(true);
  });

  it("requires both fields", () => {
    const errors = fieldErrors(loginSchema.safeParse({ email: "", password: "" }));
    expect(errors.email?.[0]).toMatch(/Enter your email/);
    expect(errors.password?.[0]).toMatch(/Enter your password/);
  });

  it("bounds the password length it will hash", () => {
    expect(loginSchema.safeParse({ email: "ann@example.com", password: "a".repeat(10_000) }).success).toBe(false);
  });
});

describe("changePasswordSchema", () => {
  const valid = { currentPassword: "old password", newPassword: strong, newPasswordConfirmation: strong, accountEmail: "ann.smith@example.com" };

  it("accepts a current password of any length and a new one that meets the policy", () => {
    expect(changePasswordSchema.safeParse({ ...valid, currentPassword: "x" }).success).toBe(true);
  });

  it("holds the new password to the registration policy", () => {
    const errors = fieldErrors(changePasswordSchema.safeParse({ ...valid, newPassword: "short", newPasswordConfirmation: "short" }));
    expect(errors.newPassword?.[0]).toMatch(/at least 12/);
  });

  it("refuses a common new password on the new password field", () => {
    const errors = fieldErrors(
      changePasswordSchema.safeParse({ ...valid, newPassword: "qwertyuiop123", newPasswordConfirmation: "qwertyuiop123" }),
    );
    expect(errors).toEqual({ newPassword: [expect.stringMatching(/common password/)] });
  });

  it("refuses a new password made from the account's email", () => {
    const errors = fieldErrors(
      changePasswordSchema.safeParse({ ...valid, newPassword: "AnnSmith and more", newPasswordConfirmation: "AnnSmith and more" }),
    );
    expect(errors.newPassword?.[0]).toMatch(/email/);
  });

  it("requires the confirmation to match", () => {
    const errors = fieldErrors(changePasswordSchema.safeParse({ ...valid, newPasswordConfirmation: `${strong}!` }));
    expect(errors.newPasswordConfirmation).toEqual(["The new passwords do not match."]);
  });

  it("requires the current password", () => {
    const errors = fieldErrors(changePasswordSchema.safeParse({ ...valid, currentPassword: "" }));
    expect(errors.currentPassword).toEqual(["Enter your current password."]);
  });
});

describe("forgotPasswordSchema", () => {
  it("normalizes the address", () => {
    expect(forgotPasswordSchema.parse({ email: " Ann@Example.COM " })).toEqual({ email: "ann@example.com" });
  });

  it.each([["missing", {}], ["not an address", { email: "ann" }], ["a NUL", { email: "ann\u0000@example.com" }], ["a number", { email: 1 }]])(
    "refuses %s with a message for the field",
    (_label, form) => {
      const result = forgotPasswordSchema.safeParse(form);
      expect(result.success).toBe(false);
      expect(fieldErrors(result).email?.[0]).toMatch(/email address/);
    },
  );

  it("refuses extra keys", () => {
    expect(forgotPasswordSchema.safeParse({ email: "ann@example.com", userId: "u1" }).success).toBe(false);
  });
});

describe("resetPasswordSchema", () => {
  const form = { password: strong, passwordConfirmation: strong, accountEmail: "ann@example.com" };

  it("accepts a new password that passes the policy", () => {
    expect(resetPasswordSchema.safeParse(form).success).toBe(true);
  });

  it("applies the policy, with the account's email as context", () => {
    expect(fieldErrors(resetPasswordSchema.safeParse({ ...form, password: "short", passwordConfirmation: "short" })).password).toEqual([
      "Use at least 12 characters.",
    ]);
    const fromEmail = "ann@example.com!!";
    expect(
      fieldErrors(resetPasswordSchema.safeParse({ ...form, password: fromEmail, passwordConfirmation: fromEmail })).password?.[0],
    ).toBeDefined();
  });

  it("asks for the same password twice", () => {
    expect(fieldErrors(resetPasswordSchema.safeParse({ ...form, passwordConfirmation: `${strong}!` })).passwordConfirmation).toEqual([
      "The passwords do not match.",
    ]);
  });
});

describe("changeEmailSchema", () => {
  it("normalizes the new address and needs the current password", () => {
    expect(changeEmailSchema.parse({ newEmail: " New@Example.com", password: "x" })).toEqual({
      newEmail: "new@example.com",
      password: "x",
    });
    const result = changeEmailSchema.safeParse({ newEmail: "nope", password: "" });
    expect(Object.keys(fieldErrors(result)).sort()).toEqual(["newEmail", "password"]);
  });
});

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
