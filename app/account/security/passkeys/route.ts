import { finishPasskeyRegistration } from "@/lib/flows/passkeys";

/** {response, name} → 201 {added}: the passkey is stored, mailed about and in the audit trail. */
export const POST = finishPasskeyRegistration;
