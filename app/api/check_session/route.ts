import { apiEndpoint, noContent, userResponse } from "@/lib/flows/api";
import { getCurrentUser } from "@/lib/auth/guard/dal";

/**
 * For non-browser clients: who the session cookie belongs to. 200 with the user while the
 * session is valid; 204 with an empty body otherwise (no cookie, a forged, expired or
 * revoked one), so a client never has to tell "logged out" from an error.
 */
export const GET = apiEndpoint(async () => {
  const user = await getCurrentUser();
  return user ? userResponse(user) : noContent();
});
