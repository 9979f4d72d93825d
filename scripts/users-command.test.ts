import { describe, expect, it } from "vitest";
import { USERS_COMMANDS, USERS_USAGE, parseUsersCommand } from "./users-command";

describe("parseUsersCommand", () => {
  it("reads list without an email", () => {
    expect(parseUsersCommand(["list"])).toEqual({ name: "list" });
  });

  it.each(["create", "deactivate", "activate", "grant-admin", "revoke-admin", "sign-out", "reset-two-factor"])(
    "reads %s with a normalized email",
    (name) => {
      expect(parseUsersCommand([name, "  Ada@Example.COM "])).toEqual({ name, email: "ada@example.com" });
    },
  );

  it("refuses a password on the command line without echoing it", () => {
    const result = parseUsersCommand(["create", "ada@example.com", "hunter2-hunter2"]);
    expect(result).toHaveProperty("error");
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(JSON.stringify(result)).toContain("never from the command line");
  });

  it.each([
    [[], "Which command?"],
    [["drop-tables"], "Unknown command."],
    [["__proto__"], "Unknown command."],
    [["toString"], "Unknown command."],
    [["list", "extra"], "list takes no arguments."],
    [["deactivate"], "deactivate needs an email address."],
    [["deactivate", "a@example.com", "b@example.com"], "deactivate takes only an email."],
    [["reset-two-factor"], "reset-two-factor needs an email address."],
    [["reset-two-factor", "not-an-email"], "That is not a valid email address."],
    [["activate", "not-an-email"], "That is not a valid email address."],
  ])("explains what is wrong with %j", (args, error) => {
    expect(parseUsersCommand(args)).toEqual({ error });
  });

  it("documents every command in the usage text", () => {
    for (const name of Object.keys(USERS_COMMANDS)) expect(USERS_USAGE).toContain(`  ${name}`);
    expect(USERS_USAGE).toMatch(/^ {2}reset-two-factor <email> {2}turn two-factor login off/m);
  });
});
