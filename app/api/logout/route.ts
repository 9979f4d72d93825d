import { apiEndpoint, noContent } from "@/lib/flows/api";
import { logOut } from "@/lib/flows/doors";

/** Revokes the session and clears the cookie: 204, whether or not there was a session. */
export const DELETE = apiEndpoint(async () => {
  await logOut();
  return noContent();
});
