/** A short plain-text answer, for clients that asked for no page (a refused request, a hand-made post). */
export function plainTextResponse(body: string, status: number): Response {
  return new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
