/**
 * What kind of authenticator holds a passkey, for the owner's list. A few providers are known
 * by their AAGUID (ids checked against the community list passkeydeveloper/
 * passkey-authenticator-aaguids); any other is described by its flags: backed up and usable
 * on several devices ("synced") or bound to one. A name for display only, never a security
 * decision: without attestation an authenticator can claim any AAGUID.
 */

const KNOWN_PROVIDERS: Record<string, string> = {
  "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4": "Google Password Manager",
  "fbfc3007-154e-4ecc-8c0b-6e020557d7bd": "iCloud Keychain",
  "08987058-cadc-4b81-b6e1-30de50dcbe96": "Windows Hello",
  "bada5566-a7aa-401f-bd96-45619a55120d": "1Password",
  "d548826e-79b4-db40-a3d8-11116f7e8349": "Bitwarden",
};

export const SYNCED_PASSKEY = "Synced passkey";
export const DEVICE_BOUND_PASSKEY = "Device-bound passkey";

export function authenticatorKind(aaguid: string, deviceType: string): string {
  return KNOWN_PROVIDERS[aaguid.toLowerCase()] ?? (deviceType === "multiDevice" ? SYNCED_PASSKEY : DEVICE_BOUND_PASSKEY);
}
