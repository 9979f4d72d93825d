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
      console.error(`Could not send ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
