/**
 * The operator's command line for accounts: `npm run users -- <command> [email]`.
 * See scripts/users-command.ts for the commands. It works on the database DATABASE_URL
 * names (from the environment or the .env files, as the app does).
 *
 * Passwords for `create` come from stdin (`printf '%s' "$PW" | npm run users -- create a@b.c`)
 * or from a prompt that does not echo, never from argv.
 */
import path from "node:path";
import readline from "node:readline";
import { Writable } from "node:stream";
import { loadEnvConfig } from "@next/env";
import { USERS_USAGE, type UsersCommand, parseUsersCommand } from "./users-command";

const root = path.resolve(import.meta.dirname, "..");

class CommandFailed extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

/** Asks on the terminal without echoing what is typed. */
function askHidden(question: string): Promise<string> {
  process.stdout.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const prompt = readline.createInterface({ input: process.stdin, output: silent, terminal: true });
  return new Promise((resolve) =>
    prompt.question("", (answer) => {
      prompt.close();
      process.stdout.write("\n");
      resolve(answer);
    }),
  );
}

async function readNewPassword(): Promise<{ password: string; confirmation: string }> {
  if (!process.stdin.isTTY) {
    const password = await readStdin();
    return { password, confirmation: password };
  }
  const password = await askHidden("Password: ");
  return { password, confirmation: await askHidden("Repeat password: ") };
}

function noAccount(email: string): never {
  throw new CommandFailed(`No account with the email ${email}.`);
}

async function run(command: UsersCommand): Promise<string> {
  const accounts = await import("../lib/flows/operator");
  switch (command.name) {
    case "list": {
      const rows = await accounts.listAccounts();
      if (rows.length === 0) return "No accounts yet.";
      const width = Math.max(5, ...rows.map((row) => row.email.length));
      const header = `${"EMAIL".padEnd(width)}  ROLE      ACTIVE  SESSIONS  CREATED`;
      const lines = rows.map(
        (row) =>
          `${row.email.padEnd(width)}  ${row.role.padEnd(8)}  ${(row.active ? "yes" : "no").padEnd(6)}  ${String(row.sessions).padEnd(8)}  ${row.createdAt.toISOString()}`,
      );
      return [header, ...lines].join("\n");
    }
    case "create": {
      const { registerSchema } = await import("../lib/auth/schemas");
      const { registerUser } = await import("../lib/auth/password/credentials");
      const { password, confirmation } = await readNewPassword();
      const parsed = registerSchema.safeParse({ email: command.email, password, passwordConfirmation: confirmation });
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
        throw new CommandFailed(`The account was not created.\n${problems.join("\n")}`);
      }
      const created = await registerUser(parsed.data.email, parsed.data.password);
      if (!created.ok) throw new CommandFailed(`An account with the email ${command.email} already exists.`);
      return `Created ${created.user.email} (customer).`;
    }
    case "deactivate": {
      const result = (await accounts.setAccountActive(command.email, false)) ?? noAccount(command.email);
      return `Deactivated ${command.email}; ended ${result.sessionsEnded} session(s).`;
    }
    case "activate": {
      (await accounts.setAccountActive(command.email, true)) ?? noAccount(command.email);
      return `Activated ${command.email}.`;
    }
    case "grant-admin":
    case "revoke-admin": {
      const role = command.name === "grant-admin" ? "admin" : "customer";
      if (!(await accounts.setAccountRole(command.email, role))) noAccount(command.email);
      return `${command.email} is now ${role === "admin" ? "an admin" : "a customer"}.`;
    }
    case "sign-out": {
      const result = (await accounts.signOutEverywhere(command.email)) ?? noAccount(command.email);
      return `Ended ${result.sessionsEnded} session(s) of ${command.email}.`;
    }
    case "reset-two-factor": {
      const result = (await accounts.resetTwoFactor(command.email)) ?? noAccount(command.email);
      if (!result.twoFactorWasOn) return `${command.email} has no two-factor login; nothing changed.`;
      const done = `Turned off two-factor login for ${command.email} and ended ${result.sessionsEnded} session(s)`;
      if (result.noticeFailure) {
        throw new CommandFailed(`${done}, but the owner was not told (${result.noticeFailure}). Tell them another way.`);
      }
      return `${done}; the owner was told by mail.`;
    }
  }
}

async function main(): Promise<number> {
  const command = parseUsersCommand(process.argv.slice(2));
  if ("error" in command) {
    console.error(`${command.error}\n\n${USERS_USAGE}`);
    return 2;
  }
  loadEnvConfig(root, false, { info: () => {}, error: console.error });
  const { db } = await import("../lib/db/client");
  try {
    console.log(await run(command));
    return 0;
  } catch (error) {
    if (!(error instanceof CommandFailed)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
