import { startPasskeyRegistration } from "@/lib/flows/passkeys";

/** {password} or {code} (an authenticator-app code, never a recovery code) → 200 {options} for navigator.credentials.create, once the signed-in owner proved it is them. */
export const POST = startPasskeyRegistration;
