/**
 * GET /health → 200 "ok": for load balancers and uptime probes. It answers as long as the
 * process serves requests and touches nothing else (no database, no session), so a probe every
 * few seconds costs next to nothing. middleware.ts's matcher leaves it out; next.config.ts gives
 * it the static files' headers. /api/health is the same answer through middleware, which is how
 * bench/ measures what middleware costs a request.
 */
export function GET(): Response {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
