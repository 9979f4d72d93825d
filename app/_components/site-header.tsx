import Link from "next/link";
import { logout } from "@/lib/auth/actions";
import { getCurrentUser } from "@/lib/auth/dal";
import { SubmitButton } from "./submit-button";

export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Cookieshop
      </Link>
      <nav aria-label="Main">
        <Link href="/cookies">Cookies</Link>
        <Link href="/checkout">Checkout</Link>
        {user && <Link href="/account">Account</Link>}
      </nav>
      <div className="session">
        {user ? (
          <>
            <span>
              Logged in as <strong data-testid="current-user">{user.email}</strong>
            </span>
            <form action={logout}>
              <SubmitButton className="button-quiet" pendingText="Logging out…">
                Log out
              </SubmitButton>
            </form>
          </>
        ) : (
          <>
            <Link href="/login">Log in</Link>
            <Link href="/register" className="button-small">
              Register
            </Link>
          </>
        )}
      </div>
    </header>
  );
}
