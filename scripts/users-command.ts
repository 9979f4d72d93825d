import { emailSchema } from "../lib/auth/schemas";

/** The operator's account commands: what `npm run users -- <command>` accepts. */
export const USERS_COMMANDS = {
  list: "every account: email, role, active, live sessions",
  create: "a new account; the password is read from stdin or asked for, never taken from the command line",
  deactivate: "block the account's logins and end all its sessions",
  activate: "allow the account to log in again",
  "grant-admin": "make the account an admin",
  "revoke-admin": "make the account a customer again",
  "sign-out": "end every session of the account",
  "reset-two-factor": "turn two-factor login off and end every session, the owner told by mail (check who is asking first)",
} as const;

export type UsersCommandName = keyof typeof USERS_COMMANDS;

export type UsersCommand = { name: "list" } | { name: Exclude<UsersCommandName, "list">; email: string };

const usageLines = Object.entries(USERS_COMMANDS).map(([name, summary]) => ({ form: name === "list" ? name : `${name} <email>`, summary }));
const formWidth = Math.max(...usageLines.map(({ form }) => form.length));

export const USERS_USAGE = [
  "Usage: npm run users -- <command> [email]",
  "",
  ...usageLines.map(({ form, summary }) => `  ${form.padEnd(formWidth)}  ${summary}`),
].join("\n");

function isCommandName(value: string | undefined): value is UsersCommandName {
  return value !== undefined && Object.hasOwn(USERS_COMMANDS, value);
}

/** Reads the command line; an error says what is wrong without repeating what was typed. */
export function parseUsersCommand(args: readonly string[]): UsersCommand | { error: string } {
  const [name, email, ...rest] = args;
  if (!isCommandName(name)) return { error: name ? "Unknown command." : "Which command?" };
  if (name === "list") return email === undefined ? { name } : { error: "list takes no arguments." };
  if (email === undefined) return { error: `${name} needs an email address.` };
  if (rest.length > 0) {
    // Never echo the extra arguments: an operator may have typed a password there.
    return {
      error:
        name === "create"
          ? "create takes only an email. Passwords are read from stdin or a prompt, never from the command line (it ends up in shell history and process lists)."
          : `${name} takes only an email.`,
    };
  }
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) return { error: "That is not a valid email address." };
  return { name, email: parsed.data };
}
