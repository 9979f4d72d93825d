import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SMTPServer } from "smtp-server";
import { createSmtpTransport } from "./smtp";
import { failureDescription, sendLater } from "./send-later";

// after() runs its work once the answer has gone; here, at once, and the test awaits it.
const pending: Promise<void>[] = [];
vi.mock("next/server", () => ({ after: (work: () => Promise<void>) => void pending.push(work()) }));

const RECIPIENT = "ann.secret-recipient@example.com";

/** An SMTP server that rejects every recipient the way real ones do: naming the address. */
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected`), { responseCode: 550 }));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  port = typeof address === "object" && address ? address.port : 0;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** What sendLater logged for `work`. */
async function loggedFor(work: () => Promise<void>): Promise<string> {
  const log = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    sendLater("the password reset link", work);
    await Promise.all(pending.splice(0));
    return log.mock.calls.map((call) => call.map(String).join(" ")).join("\n");
  } finally {
    log.mockRestore();
  }
}

describe("sendLater", () => {
  it("logs a refused delivery by what failed, never the recipient's address from the transport's message", async () => {
    const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`, "Cookieshop <shop@cookieshop.test>");
    const send = () => transport.sendMail({ to: RECIPIENT, subject: "Reset", text: "x", html: "x" }).then(() => {});
    // The premise: nodemailer's own message names the address.
    await expect(send()).rejects.toThrow(RECIPIENT);

    const logged = await loggedFor(send);
    expect(logged).toBe("Could not send the password reset link: Error, code EENVELOPE, SMTP reply 550");
    expect(logged).not.toContain("ann.secret-recipient");
    expect(logged).not.toContain("example.com");
  });

  it("logs nothing when the work succeeds", async () => {
    expect(await loggedFor(async () => {})).toBe("");
  });
});

describe("failureDescription", () => {
  it("keeps the name, code and SMTP reply code only when each is no more than that", () => {
    expect(failureDescription(Object.assign(new TypeError(`bad ${RECIPIENT}`), { code: "ECONNREFUSED" }))).toBe(
      "TypeError, code ECONNREFUSED",
    );
    const hostile = Object.assign(new Error(RECIPIENT), { code: `E <${RECIPIENT}>`, responseCode: RECIPIENT, name: RECIPIENT });
    expect(failureDescription(hostile)).toBe("Error");
    expect(failureDescription(RECIPIENT)).toBe("unknown error");
    expect(failureDescription(null)).toBe("unknown error");
  });
});
