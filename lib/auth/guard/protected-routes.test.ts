import { describe, expect, it } from "vitest";
import { isProtectedPath } from "./protected-routes";

describe("isProtectedPath", () => {
  it.each(["/checkout", "/checkout/", "/account", "/account/security", "/admin", "/admin/cookies/new", "/%61ccount"])(
    "protects %s",
    (path) => expect(isProtectedPath(path)).toBe(true),
  );

  it.each(["/", "/cookies", "/login", "/accounts", "/checkouts/x", "/api/check_session", "/adminx", "/%E0%A4%A"])(
    "leaves %s open",
    (path) => expect(isProtectedPath(path)).toBe(false),
  );
});
