import "server-only";
import { after } from "next/server";

/**
 * Runs mail work after the answer has gone out. The visitor never waits for the mail
 * server, and an answer takes the same time whether or not a mail is sent at all, which is
 * what keeps "forgot password" from telling which addresses have accounts. A failure is
 * logged by what failed (never a body, a link or an address), not shown to the visitor.
 */
export function sendLater(what: string, work: () => Promise<void>): void {
  after(async () => {
    try {
      await work();
    } catch (error) {
      console.error(`Could not send ${what}: ${failureDescription(error)}`);
    }
  });
}

/** An error's name or code as nodemailer and Node write them ("EENVELOPE", "ECONNREFUSED"); anything else is left out. */
const ERROR_IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * What failed, without the error's message: a transport's message or response can hold the
 * recipient's address ("<ann@example.com>: Recipient address rejected"). Only the error's
 * name, its code and an SMTP reply code, each checked to be no more than that.
 */
export function failureDescription(error: unknown): string {
  if (typeof error !== "object" || error === null) return "unknown error";
  const { name, code, responseCode } = error as { name?: unknown; code?: unknown; responseCode?: unknown };
  const parts = [
    typeof name === "string" && ERROR_IDENTIFIER.test(name) ? name : "Error",
    typeof code === "string" && ERROR_IDENTIFIER.test(code) ? `code ${code}` : undefined,
    Number.isInteger(responseCode) ? `SMTP reply ${String(responseCode)}` : undefined,
  ];
  return parts.filter(Boolean).join(", ");
}
