import { startPasskeyLogin } from "@/lib/flows/passkeys";

/** {} → 200 {options} for navigator.credentials.get, with the challenge's cookie. Browser-only (lib/flows/passkeys.ts). */
export const POST = startPasskeyLogin;
