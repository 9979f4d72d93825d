import { z } from "zod";
import { MAX_EMAIL_LENGTH, normalizeEmail } from "./auth/email";
import { MAX_PASSWORD_BYTES, passwordPolicyProblem } from "./auth/password";

/**
 * One schema per form. The server actions use them now; the JSON API will use the same
 * ones, so a browser and a script are held to exactly the same rules.
 */

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

export const registerSchema = z
  .strictObject({
    email: emailSchema,
    password: z.string({ error: "Enter a password." }),
    passwordConfirmation: z.string({ error: "Repeat your password." }),
  })
  // The policy runs on the whole form so that it can refuse a password made from the email.
  .superRefine(
    (form, ctx) => {
      const email = typeof form.email === "string" ? form.email : undefined; // may have failed its own checks
      const problem = passwordPolicyProblem(form.password, { email });
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    },
    { when: (payload) => allStrings(payload.value, "password") },
  )
  .refine((form) => form.password === form.passwordConfirmation, {
    path: ["passwordConfirmation"],
    message: "The passwords do not match.",
    when: (payload) => allStrings(payload.value, "password", "passwordConfirmation"),
  });

export const loginSchema = z.strictObject({
  email: z
    .string({ error: "Enter your email address." })
    .transform(normalizeEmail)
    .pipe(
      z
        .string()
        .min(1, "Enter your email address.")
        .max(MAX_EMAIL_LENGTH, `Use at most ${MAX_EMAIL_LENGTH} characters.`),
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

export const changePasswordSchema = z
  .strictObject({
    currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password."),
    newPassword: z.string({ error: "Enter a password." }),
    newPasswordConfirmation: z.string({ error: "Repeat your new password." }),
    /** Not a form field: the signed-in account's email, which the new password must not contain. */
    accountEmail: z.string(),
  })
  .superRefine(
    (form, ctx) => {
      const problem = passwordPolicyProblem(form.newPassword, { email: form.accountEmail });
      if (problem) ctx.addIssue({ code: "custom", path: ["newPassword"], message: problem });
    },
    { when: (payload) => allStrings(payload.value, "newPassword") },
  )
  .refine((form) => form.newPassword === form.newPasswordConfirmation, {
    path: ["newPasswordConfirmation"],
    message: "The new passwords do not match.",
    when: (payload) => allStrings(payload.value, "newPassword", "newPasswordConfirmation"),
  });

export type RegisterInput = z.infer<typeof registerSchema>;
export type LoginInput = z.infer<typeof loginSchema>;
