import { apiRateLimit, noContent } from "@/lib/api";
import { logOut } from "@/lib/auth/flows";

/** Revokes the session and clears the cookie: 204, whether or not there was a session. */
export async function DELETE() {
  const limited = await apiRateLimit();
  if (limited) return limited;
  await logOut();
  return noContent();
}
