import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/**
 * bcrypt off the main thread. One comparison at cost 12 is a quarter of a second of CPU; done
 * on the event loop (bcryptjs's async API only slices it up), every request in the process
 * waits behind it and a second core sits idle. Here each hash or comparison runs whole on a
 * worker thread, one per core, so logins use every core and pages keep answering while
 * passwords are checked.
 *
 * The worker's code is a string rather than a file so the bundler has nothing to rewrite; it
 * loads bcryptjs from node_modules at run time (next.config.ts keeps bcryptjs external so it
 * is deployed there).
 */
const WORKER_SOURCE = `
const { parentPort, threadId } = require("node:worker_threads");
const bcrypt = require("bcryptjs");
parentPort.on("message", ({ task, password, hash, cost }) => {
  try {
    const result = task === "hash" ? bcrypt.hashSync(password, cost) : bcrypt.compareSync(password, hash);
    parentPort.postMessage({ result, threadId });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error), threadId });
  }
});
`;

type Job = { task: "hash"; password: string; cost: number } | { task: "compare"; password: string; hash: string };

/**
 * How much password work may wait for a thread, in seconds of work per core. Beyond it a new
 * hash or comparison is refused at once (PasswordWorkBusy), so a flood of logins cannot queue
 * without end and a real customer's login waits at most about this long for its turn. Two
 * seconds is eight comparisons a core at cost 12.
 */
export const MAX_WAITING_PASSWORD_WORK_SECONDS = 2;

const BUSY_BRAND = Symbol.for("cookieshop.PasswordWorkBusy");

/** Refused password work: the threads have more waiting than the bound. Try again after `retryAfterMs`. */
export class PasswordWorkBusy extends Error {
  readonly [BUSY_BRAND] = true;
  constructor(readonly retryAfterMs: number) {
    super("The password threads are busy.");
    this.name = "PasswordWorkBusy";
  }

  /**
   * Recognises the error by a registered symbol, not by its class: the pool lives on
   * globalThis, and Next.js may load this module once per server bundle, each with its own class.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BUSY_BRAND] === true;
  }
}
// A thread runs one job at a time, so its answer belongs to the job it is busy with.
type Answer = { result?: string | boolean; error?: string; threadId: number };
type Pending = { job: Job; resolve: (answer: Answer) => void; reject: (error: Error) => void; startedMs: number };
type Thread = { worker: Worker; busy: Pending | null };

export type BcryptPool = ReturnType<typeof createBcryptPool>;

/** What a job is assumed to take before one has been timed: a comparison at cost 12 here. */
const FIRST_JOB_ESTIMATE_MS = 250;

/**
 * At most `size` threads, started when work first needs them and kept afterwards. Jobs beyond
 * that wait their turn in order, up to `maxWaitingSeconds` of work per thread, judged by how
 * long recent jobs took. Idle threads do not keep the process alive, so a script that checks
 * one password still exits when it is done.
 */
export function createBcryptPool(size: number, { maxWaitingSeconds = MAX_WAITING_PASSWORD_WORK_SECONDS } = {}) {
  if (!Number.isInteger(size) || size < 1) throw new Error(`A bcrypt pool needs at least one thread, not ${size}.`);
  const threads: Thread[] = [];
  const queue: Pending[] = [];
  // A moving average of job durations: the cost can change between deployments, not between jobs.
  let jobEstimateMs = FIRST_JOB_ESTIMATE_MS;

  /** The wait a new job would have, per thread, or null when the pool still takes it. */
  function refusal(): PasswordWorkBusy | null {
    const waitingMs = ((queue.length + 1) * jobEstimateMs) / size;
    if (threads.some((thread) => !thread.busy) || threads.length < size || waitingMs <= maxWaitingSeconds * 1000) return null;
    return new PasswordWorkBusy(Math.ceil(waitingMs));
  }

  function start(): Thread {
    const thread: Thread = { worker: new Worker(WORKER_SOURCE, { eval: true }), busy: null };
    thread.worker.unref();
    thread.worker.on("message", (answer: Answer) => {
      const done = thread.busy;
      if (done) jobEstimateMs = 0.8 * jobEstimateMs + 0.2 * (performance.now() - done.startedMs);
      thread.busy = null;
      thread.worker.unref();
      done?.resolve(answer);
      runNext();
    });
    // A thread that dies takes only its own job with it; the next job starts a new one.
    const fail = (error: Error) => {
      const index = threads.indexOf(thread);
      if (index < 0) return;
      threads.splice(index, 1);
      const lost = thread.busy;
      thread.busy = null;
      lost?.reject(error);
      runNext();
    };
    thread.worker.on("error", fail);
    thread.worker.on("exit", (code) => fail(new Error(`A bcrypt thread stopped (exit code ${code}).`)));
    threads.push(thread);
    return thread;
  }

  function runNext(): void {
    while (queue.length > 0) {
      const thread = threads.find((candidate) => !candidate.busy) ?? (threads.length < size ? start() : undefined);
      if (!thread) return;
      const pending = queue.shift()!;
      pending.startedMs = performance.now();
      thread.busy = pending;
      thread.worker.ref();
      thread.worker.postMessage(pending.job);
    }
  }

  function run(job: Job): Promise<Answer> {
    const busy = refusal();
    if (busy) return Promise.reject(busy);
    return new Promise((resolve, reject) => {
      queue.push({ job, resolve, reject, startedMs: 0 });
      runNext();
    });
  }

  async function result(job: Job): Promise<{ value: string | boolean; threadId: number }> {
    const answer = await run(job);
    if (answer.error !== undefined) throw new Error(answer.error);
    return { value: answer.result!, threadId: answer.threadId };
  }

  return {
    size,
    /** A new bcrypt hash of the password at the given cost (a fresh salt each time). */
    async hash(password: string, cost: number): Promise<string> {
      return (await result({ task: "hash", password, cost })).value as string;
    },
    /** Whether the password matches the hash. */
    async compare(password: string, hash: string): Promise<boolean> {
      return (await result({ task: "compare", password, hash })).value as boolean;
    },
    /** For tests: the comparison and the thread that ran it. */
    compareOn: (password: string, hash: string) =>
      result({ task: "compare", password, hash }) as Promise<{ value: boolean; threadId: number }>,
    /** A refusal when a new job would wait longer than the bound, else null: lets a caller refuse before doing any other work. */
    busy: refusal,
    /** Threads running now. */
    threadCount: () => threads.length,
    /** Stops every thread; jobs still waiting are refused. */
    async close(): Promise<void> {
      for (const pending of queue.splice(0)) pending.reject(new Error("The bcrypt pool was closed."));
      await Promise.all(threads.splice(0).map((thread) => thread.worker.terminate()));
    },
  };
}

// One pool per process, parked on globalThis like the database client (lib/db/client.ts): Next.js
// may evaluate this module once per server bundle, which would otherwise double the threads.
const globalForPool = globalThis as typeof globalThis & { cookieshopBcryptPool?: BcryptPool };

function processPool(): BcryptPool {
  return (globalForPool.cookieshopBcryptPool ??= createBcryptPool(availableParallelism()));
}

/** The process's bcrypt threads, one per core. Methods are looked up per call, so tests can spy on them. */
export const bcryptThreads = {
  hash: (password: string, cost: number) => processPool().hash(password, cost),
  compare: (password: string, hash: string) => processPool().compare(password, hash),
  busy: () => processPool().busy(),
};
