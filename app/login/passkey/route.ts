import { finishPasskeyLogin } from "@/lib/flows/passkeys";

/** {response, next?, remember?} → 200 {next} and the session cookie; 401 for any passkey that did not work. */
export const POST = finishPasskeyLogin;
