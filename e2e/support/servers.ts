import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { E2E_PORT } from "../../playwright.config";
import { spareServerLogFile } from "./server-logs";

/**
 * Extra production servers beside the suite's own, on ports just above it, for start-up
 * checks and for the socket-mode twin. Each test uses its own offset.
 */
export function sparePort(offset: number): number {
  return E2E_PORT + offset;
}

export type ServerProcess = { child: ChildProcess; output: () => string };

/**
 * Starts the production build with `env` overriding the environment: through server.ts as
 * `npm run serve` does (one node process, `--import tsx`, so a signal reaches the server
 * itself), or with plain `next start`. Its output also goes to a log file of its own, which
 * the leak check reads after the run (e2e/support/server-logs.ts).
 */
export function spawnServer(
  env: Record<string, string>,
  port: number,
  how: "serve" | "next start" = "serve",
): ServerProcess {
  const [command, args] =
    how === "serve"
      ? [process.execPath, ["--import", "tsx", "server.ts", "--port", String(port)]]
      : ["node_modules/.bin/next", ["start", "--port", String(port)]];
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const logFile = spareServerLogFile(port);
  let output = "";
  // Written as it comes, synchronously: a worker may exit before a stream would have flushed.
  const record = (chunk: Buffer) => {
    output += chunk;
    appendFileSync(logFile, chunk);
  };
  child.stdout?.on("data", record);
  child.stderr?.on("data", record);
  return { child, output: () => output };
}

/** Runs a server that should refuse to start; stops it after 15 s if it does not. */
export function runUntilExit(
  env: Record<string, string>,
  port: number,
  how: "serve" | "next start" = "serve",
): Promise<{ code: number | null; output: string }> {
  const server = spawnServer(env, port, how);
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.child.kill("SIGTERM"), 15_000);
    server.child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output: server.output() });
    });
  });
}

/** Waits until the server answers on `url`; fails early with its output if it exits. */
export async function waitUntilAnswering(server: ServerProcess, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`The server exited:\n${server.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not answer ${url} within ${timeoutMs} ms:\n${server.output()}`);
}

/** SIGTERM, then waits for the process to go (server.ts closes gracefully). */
export async function stopServer(server: ServerProcess): Promise<number | null> {
  if (server.child.exitCode !== null) return server.child.exitCode;
  const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
  server.child.kill("SIGTERM");
  return exited;
}
