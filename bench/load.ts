import autocannon from "autocannon";

/** One kind of request, sent over and over by `connections` clients at once. */
export type LoadSpec = {
  path: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  /** Seconds to keep going, or… */
  seconds?: number;
  /** …how many requests to send in all. */
  amount?: number;
  /** Headers that change with every request (a new client address, say)… */
  perRequest?: () => Record<string, string>;
  /** …or with every connection (each client its own address). Both may be given. */
  perConnection?: () => Record<string, string>;
  /** A new body for every request (a new email, say), in place of `body`. */
  perRequestBody?: () => string;
  /** Seconds after which autocannon gives up on a response and counts a timeout (30 unless told). */
  timeoutSeconds?: number;
  /** Count, by status, the responses that carry a Retry-After header (autocannon then reads every response). */
  countRetryAfter?: boolean;
};

/** Every response's time in milliseconds, by status code, and how long the run took. */
export type Measured = {
  latencies: Map<number, number[]>;
  seconds: number;
  /** Connection errors and timeouts (autocannon counts a timeout as an error too): requests never answered. */
  errors: number;
  /** With countRetryAfter, how many responses of each status carried Retry-After. */
  withRetryAfter: Map<number, number>;
};

/** Sends the load with autocannon and records each response (its own histogram rounds to whole ms). */
export function load(baseUrl: string, spec: LoadSpec): Promise<Measured> {
  const latencies = new Map<number, number[]>();
  const withRetryAfter = new Map<number, number>();
  const started = performance.now();
  const changes = spec.perRequest || spec.perConnection || spec.perRequestBody;
  return new Promise((resolve, reject) => {
    const request = {
      method: spec.method ?? "GET",
      path: spec.path,
      headers: spec.headers ?? {},
      body: spec.body,
      setupRequest: (next: { headers?: Record<string, string>; body?: string }, connection: { headers?: Record<string, string> }) => {
        if (!changes) return next;
        const headers = { ...spec.headers, ...(spec.perConnection ? (connection.headers ??= spec.perConnection()) : {}), ...spec.perRequest?.() };
        return { ...next, headers, ...(spec.perRequestBody ? { body: spec.perRequestBody() } : {}) };
      },
      ...(spec.countRetryAfter && {
        onResponse: (status: number, _body: unknown, _context: unknown, headers: Record<string, unknown>) => {
          if (Object.keys(headers).some((name) => name.toLowerCase() === "retry-after")) withRetryAfter.set(status, (withRetryAfter.get(status) ?? 0) + 1);
        },
      }),
    };
    const instance = autocannon(
      {
        url: baseUrl,
        connections: spec.connections,
        duration: spec.seconds,
        amount: spec.amount,
        timeout: spec.timeoutSeconds ?? 30,
        requests: [request],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({ latencies, seconds: (performance.now() - started) / 1000, errors: result.errors, withRetryAfter }); // its errors include the timeouts
      },
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, milliseconds: number) => {
      const list = latencies.get(status) ?? [];
      list.push(milliseconds);
      latencies.set(status, list);
    });
  });
}

/** The latencies of the responses with these statuses. */
export function latenciesOf(measured: Measured, ...statuses: number[]): number[] {
  return statuses.flatMap((status) => measured.latencies.get(status) ?? []);
}

/** Responses with these statuses per second of the run. */
export function rate(measured: Measured, ...statuses: number[]): number {
  return latenciesOf(measured, ...statuses).length / measured.seconds;
}

/** "200×1203, 429×12": what came back, for the absolute-numbers column and for sanity checks. */
export function statusSummary(measured: Measured): string {
  const parts = [...measured.latencies].sort(([a], [b]) => a - b).map(([status, list]) => `${status}×${list.length}`);
  if (measured.errors > 0) parts.push(`errors×${measured.errors}`);
  return parts.join(", ");
}

/** Stops with a clear message when a run got answers a scenario did not expect. */
export function expectOnly(measured: Measured, statuses: number[], what: string): void {
  const unexpected = [...measured.latencies.keys()].filter((status) => !statuses.includes(status));
  if (unexpected.length > 0 || measured.errors > 0) {
    throw new Error(`${what}: expected only ${statuses.join("/")}, got ${statusSummary(measured)}.`);
  }
}
