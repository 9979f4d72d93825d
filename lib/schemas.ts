import { z } from "zod";
import { MAX_EMAIL_LENGTH, normalizeEmail } from "./auth/email";
import { MAX_PASSWORD_BYTES, passwordPolicyProblem } from "./auth/password";
import { MAX_CART_LINES, MAX_QUANTITY, isCookieId } from "./shop/guest-cart";
import { ILLUSTRATION_KEYS } from "./shop/illustrations";
import { MAX_PRICE_CENTS, formatPrice, parsePriceToCents } from "./shop/money";

/**
 * One schema per form. The server actions use them now; the JSON API will use the same
 * ones, so a browser and a script are held to exactly the same rules.
 */

/**
 * Control characters belong in no text we store or look up (line breaks aside, in longer
 * text); PostgreSQL cannot even store or search for one of them, NUL.
 */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** A new account's email: normalized, then checked. Also used by the operator's CLI. */
export const emailSchema = z
  .string({ error: "Enter your email address." })
  .transform(normalizeEmail)
  .pipe(
    z
      .string()
      .min(1, "Enter your email address.")
      .max(MAX_EMAIL_LENGTH, `Use at most ${MAX_EMAIL_LENGTH} characters.`)
      .pipe(z.email("Enter a valid email address, like name@example.com.")),
  );

/** Object-level checks run even while other fields still have a problem, once these are strings. */
function allStrings(value: unknown, ...fields: string[]): boolean {
  const form = value as Record<string, unknown> | null | undefined;
  return fields.every((field) => typeof form?.[field] === "string");
}

// The schemas for what clients send are strict: a key they do not name (role, id, active,
// __proto__, ...) is refused, so nothing unexpected can ride along to the database.

/**
 * A new password's rules, checked on the whole form: the policy (which needs the account's
 * email, to refuse a password made from it) on `password`, and the repeat on `confirmation`.
 * Both run even while other fields still have a problem, so every error shows at once.
 */
function withNewPasswordRules<Form extends Record<string, unknown>, Schema extends z.ZodType<Form>>(
  schema: Schema,
  fields: { password: keyof Form & string; confirmation: keyof Form & string; email: keyof Form & string },
  mismatch: string,
): Schema {
  return schema
    .superRefine(
      (form, ctx) => {
        const email = form[fields.email];
        const problem = passwordPolicyProblem(form[fields.password] as string, {
          email: typeof email === "string" ? email : undefined, // may have failed its own checks
        });
        if (problem) ctx.addIssue({ code: "custom", path: [fields.password], message: problem });
      },
      { when: (payload) => allStrings(payload.value, fields.password) },
    )
    .refine((form) => form[fields.password] === form[fields.confirmation], {
      path: [fields.confirmation],
      message: mismatch,
      when: (payload) => allStrings(payload.value, fields.password, fields.confirmation),
    });
}

export const registerSchema = withNewPasswordRules(
  z.strictObject({
    email: emailSchema,
    password: z.string({ error: "Enter a password." }),
    passwordConfirmation: z.string({ error: "Repeat your password." }),
  }),
  { password: "password", confirmation: "passwordConfirmation", email: "email" },
  "The passwords do not match.",
);

export const loginSchema = z.strictObject({
  email: z
    .string({ error: "Enter your email address." })
    .transform(normalizeEmail)
    .pipe(
      z
        .string()
        .min(1, "Enter your email address.")
        .max(MAX_EMAIL_LENGTH, `Use at most ${MAX_EMAIL_LENGTH} characters.`)
        // No stored address has one, and PostgreSQL cannot even look up a NUL.
        .refine((email) => !CONTROL_CHARACTER.test(email), "Enter a valid email address, like name@example.com."),
    ),
  // No policy check at login: the password is only compared. The bound keeps the
  // work per request small; anything over bcrypt's limit simply does not match.
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(MAX_PASSWORD_BYTES * 4, "Invalid email or password."),
  // A checkbox sends "on" when ticked and nothing otherwise; JSON clients send a boolean.
  remember: z
    .union([z.literal("on"), z.boolean()], { error: "Remember me is either on or off." })
    .optional()
    .transform((value) => value === "on" || value === true),
});

export const changePasswordSchema = withNewPasswordRules(
  z.strictObject({
    currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password."),
    newPassword: z.string({ error: "Enter a password." }),
    newPasswordConfirmation: z.string({ error: "Repeat your new password." }),
    /** Not a form field: the signed-in account's email, which the new password must not contain. */
    accountEmail: z.string(),
  }),
  { password: "newPassword", confirmation: "newPasswordConfirmation", email: "accountEmail" },
  "The new passwords do not match.",
);

/** "Forgot password": the address to send a link to. */
export const forgotPasswordSchema = z.strictObject({ email: emailSchema });

/** The reset page's form; the link's secret travels in a hidden field and is checked on its own. */
export const resetPasswordSchema = withNewPasswordRules(
  z.strictObject({
    password: z.string({ error: "Enter a password." }),
    passwordConfirmation: z.string({ error: "Repeat your password." }),
    /** Not a form field: the account's email, which the new password must not contain. */
    accountEmail: z.string(),
  }),
  { password: "password", confirmation: "passwordConfirmation", email: "accountEmail" },
  "The passwords do not match.",
);

/** Moving the account to another address: the new one, and the current password as proof. */
export const changeEmailSchema = z.strictObject({
  newEmail: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password."),
});

export type RegisterInput = z.infer<typeof registerSchema>;
export type LoginInput = z.infer<typeof loginSchema>;

// ---- The shop -------------------------------------------------------------------------

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
    .refine((name) => !CONTROL_CHARACTER.test(name), NO_CONTROL_CHARACTERS),
  description: z
    .string({ error: "Enter a description." })
    .trim()
    .min(10, "Describe the cookie in at least 10 characters.")
    .max(300, "Use at most 300 characters.")
    .refine((description) => !CONTROL_CHARACTER.test(description.replace(/[\t\r\n]/g, " ")), NO_CONTROL_CHARACTERS),
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
