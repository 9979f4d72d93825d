import "server-only";
import { cookies } from "next/headers";
import { cookiesNeedSecure } from "./secure-cookies";

/**
 * A short-lived HttpOnly cookie holding a challenge's random secret, whose hash names the
 * database row (the two-factor login's, a passkey ceremony's): set when the challenge starts,
 * read when it is answered, cleared once it is used or dead. Secure over HTTPS.
 */
export type ChallengeCookie = {
  hold(secret: string): Promise<void>;
  read(): Promise<string | undefined>;
  clear(): Promise<void>;
  /** read, then clear: for a challenge that one answer uses up. */
  take(): Promise<string | undefined>;
};

type CookieRules = { name: string; path: string; sameSite: "lax" | "strict"; lifetimeMs: number };

export function challengeCookie({ name, path, sameSite, lifetimeMs }: CookieRules): ChallengeCookie {
  const read = async () => (await cookies()).get(name)?.value;
  const clear = async () => {
    (await cookies()).delete({ name, path });
  };
  return {
    async hold(secret) {
      (await cookies()).set(name, secret, { httpOnly: true, sameSite, path, secure: await cookiesNeedSecure(), maxAge: lifetimeMs / 1000 });
    },
    read,
    clear,
    async take() {
      const secret = await read();
      await clear();
      return secret;
    },
  };
}
