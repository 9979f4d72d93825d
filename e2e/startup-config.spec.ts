import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

/** Starts the production build on a spare port with `env` overriding the environment. */
function startServer(env: Record<string, string>, port: number) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn("node_modules/.bin/next", ["start", "--port", String(port)], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGTERM"), 15_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

// An empty value overrides anything in .env files (Next.js never replaces a set variable).
test("the production server refuses to start without AUTH_SECRET and says what to set", async () => {
  const { code, output } = await startServer({ AUTH_SECRET: "" }, 3191);
  expect(code).toBe(1);
  expect(output).toContain("AUTH_SECRET is not set");
  expect(output).toContain("openssl rand -base64 32");
});

test("the production server refuses a short AUTH_SECRET without echoing it", async () => {
  const { code, output } = await startServer({ AUTH_SECRET: "short-secret-1234" }, 3192);
  expect(code).toBe(1);
  expect(output).toContain("AUTH_SECRET must be at least 32 characters");
  expect(output).not.toContain("short-secret-1234");
});

test("the production server refuses to start when Auth.js could not trust any URL", async () => {
  const secret = "a-perfectly-good-secret-0123456789abcdef";
  const { code, output } = await startServer({ AUTH_SECRET: secret, AUTH_URL: "", AUTH_TRUST_HOST: "" }, 3193);
  expect(code).toBe(1);
  expect(output).toContain("set AUTH_URL to the site's public URL");
  expect(output).not.toContain("AUTH_SECRET is not set");
});
