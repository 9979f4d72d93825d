import type { NextConfig } from "next";
import { COMMON_SECURITY_HEADERS, STATIC_FILE_CSP } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() from next/navigation: a signed-in customer gets a real 403 from admin pages
  // and actions (lib/auth/guard/dal.ts requireAdmin), not a redirect or a 500.
  experimental: { authInterrupts: true },
  // Loaded by Node at run time, not bundled: the native SQLite driver, bcryptjs, which the
  // password threads (lib/auth/password/threads.ts) require from node_modules, and nodemailer
  // (lib/mail/smtp.ts), a Node-only library built on net, tls and dns that gains nothing from bundling.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "bcryptjs", "nodemailer"],
  // Pages and API responses get their security headers (with a CSP nonce) from middleware.ts;
  // the files it does not see get the same protection here.
  async headers() {
    const headers = Object.entries({ ...COMMON_SECURITY_HEADERS, "Content-Security-Policy": STATIC_FILE_CSP }).map(
      ([key, value]) => ({ key, value }),
    );
    return [
      { source: "/_next/static/:path*", headers },
      { source: "/_next/image", headers },
      { source: "/favicon.ico", headers },
      { source: "/illustrations/:path*", headers },
      { source: "/health", headers },
    ];
  },
};

export default nextConfig;
