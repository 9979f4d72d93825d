/**
 * The production server (`npm run serve`): Next.js's own request handler behind a plain
 * node:http server, for one reason. `next start` keeps any X-Forwarded-For the client sends
 * and only fills it from the socket when it is missing, so the app could never learn the
 * connection's real address. Here, unless CLIENT_IP_HEADER names a trusted proxy's header,
 * X-Forwarded-For is overwritten with the socket address before Next.js sees the request
 * (see lib/http/client-ip.ts). Everything else is Next.js as usual, in this same process.
 *
 *   npm run serve -- --port 3000 --hostname 0.0.0.0      (defaults: PORT or 3000, all interfaces)
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { OWN_SERVER_MARKER, clientIpHeaderSetting, writeSocketAddress } from "./lib/http/client-ip";
import { isLocalDefault } from "./lib/config/env";
import { markDirectRequest, outboxUrl } from "./lib/mail/outbox-access";

async function main() {
  const { values } = parseArgs({
    options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Not a port: ${values.port ?? process.env.PORT}`);
  const hostname = values.hostname;

  // Before Next.js loads: it picks its production build (and React's) from NODE_ENV, and
  // the start-up check (instrumentation.ts) wants to know the socket address reaches the app.
  (process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
  process.env[OWN_SERVER_MARKER] = "1";
  const { default: next } = await import("next");

  const app = next({ dev: false, dir: import.meta.dirname, hostname, port });
  const handle = app.getRequestHandler();
  // Loads .env files and runs the start-up configuration check, which exits when it fails.
  await app.prepare();
  const source = clientIpHeaderSetting();

  const server = createServer((req, res) => {
    // First, while the headers are still the client's own: whether a proxy handled it.
    markDirectRequest(req.headers);
    writeSocketAddress(req.headers, req.socket.remoteAddress, source);
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  server.on("error", (error) => {
    console.error(`Cookieshop could not listen on port ${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, hostname, () => {
    // Runs before the first request is handled. In the local default (no AUTH_URL), mail links
    // name http://localhost:PORT (lib/config/site-url.ts): the port really listened on, even for --port 0.
    const address = server.address();
    const listening = typeof address === "object" && address ? address.port : port;
    process.env.PORT = String(listening);
    const local = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
    const origin = `http://${local.includes(":") ? `[${local}]` : local}:${listening}`;
    // What `next start` sets (a private Next.js variable): Next.js fetches a server action's
    // redirect target from this origin. Without it, it would ask https://localhost whenever a
    // TLS proxy sends X-Forwarded-Proto: https, fail, and log an error on every such redirect.
    process.env.__NEXT_PRIVATE_ORIGIN = origin;
    const from = source.from === "socket" ? "the connection" : `the ${source.header} header`;
    console.log(`Cookieshop listening on ${origin} (client address from ${from})`);
    // The outbox opens only with this process's key (lib/mail/outbox-access.ts), on this server
    // directly: through a proxy it answers 404, so the link names this origin, never AUTH_URL.
    if (isLocalDefault() && source.from === "socket") console.log(`Local outbox: ${outboxUrl(origin)}`);
  });

  // Finish the requests in flight, then stop; a stuck connection gets ten seconds.
  const shutDown = () => {
    server.close(() => void app.close().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once("SIGTERM", shutDown);
  process.once("SIGINT", shutDown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
