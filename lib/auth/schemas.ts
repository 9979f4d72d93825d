import { z } from "zod";
import { MAX_EMAIL_LENGTH, normalizeEmail } from "./account/email-address";
import { MAX_PASSWORD_BYTES, passwordPolicyProblem } from "./password/policy";
import { hasControlCharacter } from "../text/control-characters";

/**
 * One schema per account form. The server actions and the JSON API use the same ones, so a
 * browser and a script are held to exactly the same rules.
 */

const INVALID_EMAIL = "Enter a valid email address, like name@example.com.";

/** An email field: normalized, present, not too long, then `check`ed. */
function emailField(check: (field: z.ZodString) => z.ZodType<string, string>) {
  return z
    .string({ error: "Enter your email address." })
    .transform(normalizeEmail)
    .pipe(check(z.string().min(1, "Enter your email address.").max(MAX_EMAIL_LENGTH, `Use at most ${MAX_EMAIL_LENGTH} characters.`)));
}

/** A new account's email: a well-formed address. Also used by the operator's CLI. */
export const emailSchema = emailField((field) => field.pipe(z.email(INVALID_EMAIL)));

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
  // Any address an account could have: no stored one has a control character, and
  // PostgreSQL cannot even look up a NUL.
  email: emailField((field) => field.refine((email) => !hasControlCharacter(email), INVALID_EMAIL)),
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

/** Room for a recovery code typed with spaces; a challenge is shorter still. */
export const MAX_SECOND_FACTOR_LENGTH = 64;
const CHALLENGE_AS_SENT = "Send the challenge exactly as the login answered it.";
const ENTER_CODE = "Enter the code from your authenticator app, or a recovery code.";

/**
 * The API's second step of a login: the challenge the first step answered, and an app code
 * or a recovery code. Only their form is checked here; whether they are good is the login's
 * question (lib/flows/doors.ts), which answers both kinds of code alike.
 */
export const secondFactorSchema = z.strictObject({
  challenge: z.string({ error: CHALLENGE_AS_SENT }).min(1, CHALLENGE_AS_SENT).max(MAX_SECOND_FACTOR_LENGTH, CHALLENGE_AS_SENT),
  code: z
    .string({ error: ENTER_CODE })
    .min(1, ENTER_CODE)
    .max(MAX_SECOND_FACTOR_LENGTH, `A code has at most ${MAX_SECOND_FACTOR_LENGTH} characters.`),
});

export type RegisterInput = z.infer<typeof registerSchema>;
export type LoginInput = z.infer<typeof loginSchema>;
