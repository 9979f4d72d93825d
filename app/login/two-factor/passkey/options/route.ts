import { startPasskeySecondFactor } from "@/lib/flows/passkeys";

/** With the two-factor login's cookie: 200 {options} naming that account's passkeys only. */
export const POST = startPasskeySecondFactor;
