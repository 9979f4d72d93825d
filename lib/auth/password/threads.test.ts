import { execFileSync } from "node:child_process";
import bcrypt from "bcryptjs";
import { afterEach, describe, expect, it } from "vitest";
import { type BcryptPool, PasswordWorkBusy, createBcryptPool } from "./threads";

// Cost 4 keeps these fast; the cost changes how long a job takes, not how the pool runs it.
const COST = 4;
const pools: BcryptPool[] = [];
function pool(size: number, options?: Parameters<typeof createBcryptPool>[1]): BcryptPool {
  const created = createBcryptPool(size, options);
  pools.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((created) => created.close()));
});

describe("the bcrypt thread pool", () => {
  it("hashes and compares exactly as bcryptjs does", async () => {
    const threads = pool(2);
    const hash = await threads.hash("tulip garden", COST);
    expect(bcrypt.getRounds(hash)).toBe(COST);
    expect(bcrypt.compareSync("tulip garden", hash)).toBe(true);
    await expect(threads.compare("tulip garden", hash)).resolves.toBe(true);
    await expect(threads.compare("tulip gardens", hash)).resolves.toBe(false);
    await expect(threads.compare("tulip garden", bcrypt.hashSync("tulip garden", COST))).resolves.toBe(true);
    expect(await threads.hash("tulip garden", COST)).not.toBe(hash); // a fresh salt each time
  });

  it("runs simultaneous jobs on separate threads, never more than its size", async () => {
    const threads = pool(2);
    const hash = bcrypt.hashSync("tulip garden", 10);
    const answers = await Promise.all(Array.from({ length: 6 }, () => threads.compareOn("tulip garden", hash)));
    expect(answers.every((answer) => answer.value)).toBe(true);
    expect(new Set(answers.map((answer) => answer.threadId)).size).toBe(2);
    expect(threads.threadCount()).toBe(2);
  });

  it("starts a thread only when work needs one", async () => {
    const threads = pool(4);
    expect(threads.threadCount()).toBe(0);
    await threads.hash("tulip garden", COST);
    await threads.hash("tulip garden", COST);
    expect(threads.threadCount()).toBe(1);
  });

  it("keeps the event loop free while it hashes", async () => {
    const threads = pool(1);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    await threads.hash("tulip garden", 12);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // A 5 ms timer on a free loop fires about elapsed/5 times; a blocked loop fires it once or never.
    expect(elapsed).toBeGreaterThan(50);
    expect(ticks).toBeGreaterThan(elapsed / 5 / 2);
  });

  it("turns bcrypt's own errors into rejections and carries on", async () => {
    const threads = pool(1);
    await expect(threads.compare("tulip garden", undefined as unknown as string)).rejects.toThrow(/Illegal arguments/);
    await expect(threads.hash("tulip garden", COST)).resolves.toMatch(/^\$2b\$04\$/);
  });

  it("refuses new work at once while more than its bound is waiting, and takes it again once the queue drains", async () => {
    const threads = pool(1, { maxWaitingSeconds: 0.05 });
    const hash = bcrypt.hashSync("tulip garden", 10);
    await threads.compare("tulip garden", hash); // times one job, about 60 ms at cost 10
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => threads.compare("tulip garden", hash)));
    const refused = outcomes.filter((outcome) => outcome.status === "rejected").map((outcome) => outcome.reason as unknown);
    const accepted = outcomes.filter((outcome) => outcome.status === "fulfilled");
    // One runs and one or two wait (about 50 ms of work); the rest are refused without queueing.
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(accepted.length).toBeLessThanOrEqual(4);
    expect(refused.length).toBe(20 - accepted.length);
    for (const busy of refused) {
      expect(busy).toBeInstanceOf(PasswordWorkBusy);
      expect((busy as PasswordWorkBusy).retryAfterMs).toBeGreaterThan(0);
    }
    expect(threads.busy()).toBeNull();
    await expect(threads.compare("tulip garden", hash)).resolves.toBe(true);
  });

  it("says it is busy before any work is handed to it", async () => {
    const threads = pool(1, { maxWaitingSeconds: 0 });
    const hash = bcrypt.hashSync("tulip garden", 10);
    expect(threads.busy()).toBeNull(); // a free thread takes the next job whatever the bound
    const running = threads.compare("tulip garden", hash);
    expect(threads.busy()).toBeInstanceOf(PasswordWorkBusy);
    await running;
    expect(threads.busy()).toBeNull();
  });

  it("refuses a size below one", () => {
    expect(() => createBcryptPool(0)).toThrow(/at least one thread/);
  });

  it("lets a script exit once its passwords are checked", () => {
    const script = `
      const { bcryptThreads } = require("./lib/auth/password/threads.ts");
      bcryptThreads.hash("tulip garden", ${COST})
        .then((hash) => bcryptThreads.compare("tulip garden", hash))
        .then((matches) => console.log(matches));
    `;
    // Without the unref of idle threads this child would never exit and the timeout would fail it.
    const output = execFileSync("npx", ["tsx", "-e", script], { encoding: "utf8", timeout: 20_000 });
    expect(output.trim()).toBe("true");
  });
});
