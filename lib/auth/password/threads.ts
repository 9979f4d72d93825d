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
// A thread runs one job at a time, so its answer belongs to the job it is busy with.
type Answer = { result?: string | boolean; error?: string; threadId: number };
type Pending = { job: Job; resolve: (answer: Answer) => void; reject: (error: Error) => void };
type Thread = { worker: Worker; busy: Pending | null };

export type BcryptPool = ReturnType<typeof createBcryptPool>;

/**
 * At most `size` threads, started when work first needs them and kept afterwards. Jobs beyond
 * that wait their turn in order. Idle threads do not keep the process alive, so a script that
 * checks one password still exits when it is done.
 */
export function createBcryptPool(size: number) {
  if (!Number.isInteger(size) || size < 1) throw new Error(`A bcrypt pool needs at least one thread, not ${size}.`);
  const threads: Thread[] = [];
  const queue: Pending[] = [];

  function start(): Thread {
    const thread: Thread = { worker: new Worker(WORKER_SOURCE, { eval: true }), busy: null };
    thread.worker.unref();
    thread.worker.on("message", (answer: Answer) => {
      const done = thread.busy;
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
      thread.busy = pending;
      thread.worker.ref();
      thread.worker.postMessage(pending.job);
    }
  }

  function run(job: Job): Promise<Answer> {
    return new Promise((resolve, reject) => {
      queue.push({ job, resolve, reject });
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
};
