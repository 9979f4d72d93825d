import { finishPasskeyLogin } from "@/lib/flows/passkeys";

/** {response, next?, remember?} → 200 {next} and the session cookie; 401 for any passkey that did not work ({expired: true} when the ceremony had ended: fetch new options). */
export const POST = finishPasskeyLogin;
