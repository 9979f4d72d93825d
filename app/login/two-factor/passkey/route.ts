import { finishPasskeySecondFactor } from "@/lib/flows/passkeys";

/** {response} → 200 {next} and the session cookie, when the passkey is the waiting login's account's. */
export const POST = finishPasskeySecondFactor;
