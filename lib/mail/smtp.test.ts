import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReceivedMail, type SmtpSink, startSmtpSink } from "../../e2e/support/smtp-sink";
import { createSmtpTransport, requiresStartTls } from "./smtp";

// Real SMTP end to end, in-process: nodemailer, configured as lib/mail/send.ts configures it,
// delivers to the e2e suite's sink, which parses each message and stores it as JSON.

const FROM = "Cookieshop <shop@cookieshop.test>";
let directory: string;
let sink: SmtpSink;

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), "cookieshop-smtp-test-"));
  sink = await startSmtpSink({ port: 0, directory });
});

afterAll(async () => {
  await sink?.close();
  rmSync(directory, { recursive: true, force: true });
});

function received(): ReceivedMail[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(directory, name), "utf8")) as ReceivedMail);
}

describe("SMTP delivery", () => {
  it("delivers text and HTML, and a long link in the text arrives whole", async () => {
    // Longer than a quoted-printable line (76 characters): the encoding breaks it with soft
    // line breaks, which the receiving side must join again.
    const link = `http://localhost:3100/reset-password?token=${"Ab0-_".repeat(30)}&next=%2Faccount%2Fsecurity`;
    const transport = createSmtpTransport(`smtp://127.0.0.1:${sink.port}`, FROM);
    await transport.sendMail({
      to: "Grace.Hopper@Example.COM",
      subject: "Reset your Cookieshop password — ünïcödé",
      text: `Open this link:\n\n${link}\n\nThe Cookieshop team\n`,
      html: `<p>Open <a href="${link.replace(/&/g, "&amp;")}">this link</a>.</p>`,
    });

    const [mail] = received();
    expect(mail).toBeDefined();
    expect(mail!.to).toEqual(["grace.hopper@example.com"]);
    expect(mail!.from).toBe('"Cookieshop" <shop@cookieshop.test>');
    expect(mail!.subject).toBe("Reset your Cookieshop password — ünïcödé");
    expect(mail!.text.split("\n")).toContain(link);
    expect(mail!.html).toContain(`href="${link.replace(/&/g, "&amp;")}"`);
    expect(mail!.receivedAt).toBeLessThanOrEqual(Date.now());
  });

  it("leaves no half-written files for a reader to trip over", () => {
    expect(readdirSync(directory).filter((name) => !name.endsWith(".json"))).toEqual([]);
  });

  it("refuses a message over the sink's size limit", async () => {
    const transport = createSmtpTransport(`smtp://127.0.0.1:${sink.port}`, FROM);
    const before = received().length;
    await expect(
      transport.sendMail({ to: "big@example.com", subject: "big", text: "x".repeat(1_100_000), html: "" }),
    ).rejects.toThrow(/552|size/i);
    expect(received()).toHaveLength(before);
  });

  it("fails fast when the server is unreachable, and the error never repeats the URL's password", async () => {
    const port = await closedPort();
    const transport = createSmtpTransport(`smtp://mailer:hunter2hunter2@127.0.0.1:${port}`, FROM);
    const error = await transport.sendMail({ to: "a@example.com", subject: "s", text: "t", html: "" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain("hunter2");
  });
});

describe("requiresStartTls", () => {
  it("insists on STARTTLS for plain smtp:// to another machine only", () => {
    expect(requiresStartTls("smtp://smtp.example:587")).toBe(true);
    expect(requiresStartTls("smtp://user:pw@203.0.113.5")).toBe(true);
    expect(requiresStartTls("smtps://smtp.example:465")).toBe(false); // TLS from the first byte
    for (const local of ["smtp://127.0.0.1:2525", "smtp://127.1.2.3", "smtp://localhost:25", "smtp://[::1]:25"]) {
      expect(requiresStartTls(local)).toBe(false);
    }
  });
});

/** A port nothing listens on: bound, noted, released. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
