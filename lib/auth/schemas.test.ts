import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  MAX_SECOND_FACTOR_LENGTH,
  changeEmailSchema,
  changePasswordSchema,
  forgotPasswordSchema,
  loginSchema,
  registerSchema,
  resetPasswordSchema,
  secondFactorSchema,
} from "./schemas";

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

describe("secondFactorSchema", () => {
  const challenge = "a".repeat(43);

  it("passes an app code and a recovery code on as they were typed", () => {
    for (const code of ["123456", " 123 456 ", "abcd-efgh-jkmn-pqrs-tvwx-yz01"]) {
      expect(secondFactorSchema.parse({ challenge, code })).toEqual({ challenge, code });
    }
  });

  it("requires both fields, as strings, with a message for each", () => {
    for (const form of [{}, { challenge: "", code: "" }, { challenge: 42, code: 123456 }, { challenge: null, code: ["123456"] }]) {
      const errors = fieldErrors(secondFactorSchema.safeParse(form));
      expect(errors, JSON.stringify(form)).toEqual({
        challenge: ["Send the challenge exactly as the login answered it."],
        code: ["Enter the code from your authenticator app, or a recovery code."],
      });
    }
  });

  it(`bounds both at ${MAX_SECOND_FACTOR_LENGTH} characters`, () => {
    const longest = "1".repeat(MAX_SECOND_FACTOR_LENGTH);
    expect(secondFactorSchema.safeParse({ challenge: longest, code: longest }).success).toBe(true);
    const errors = fieldErrors(secondFactorSchema.safeParse({ challenge: `${longest}1`, code: "1".repeat(10_000) }));
    expect(errors).toEqual({
      challenge: ["Send the challenge exactly as the login answered it."],
      code: [`A code has at most ${MAX_SECOND_FACTOR_LENGTH} characters.`],
    });
  });

  it("refuses extra keys", () => {
    const result = secondFactorSchema.safeParse({ challenge, code: "123456", email: "ann@example.com" });
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: "unrecognized_keys", keys: ["email"] })]);
  });
});
