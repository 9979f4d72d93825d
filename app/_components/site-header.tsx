import Link from "next/link";
import { logout } from "@/lib/auth/actions";
import { getCurrentUser } from "@/lib/auth/dal";
import { getCart } from "@/lib/shop/cart";
import { SubmitButton } from "./submit-button";

export async function SiteHeader() {
  const [user, cart] = await Promise.all([getCurrentUser(), getCart()]);
  return (
    <header className="border-b border-line bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-xl font-bold text-accent no-underline">
          Cookieshop
        </Link>
        <nav aria-label="Main" className="flex flex-1 flex-wrap items-center gap-x-5 gap-y-1">
          <Link href="/cookies">Cookies</Link>
          <Link href="/cart" className="inline-flex items-center gap-1.5">
            Cart
            <span data-testid="cart-count" className="rounded-full bg-accent px-2 text-sm font-semibold text-white">
              {cart.itemCount}
            </span>
            <span className="sr-only">{cart.itemCount === 1 ? "item" : "items"}</span>
          </Link>
          {user && <Link href="/account">Account</Link>}
          {user?.role === "admin" && <Link href="/admin/cookies">Manage catalog</Link>}
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          {user ? (
            <>
              <span className="max-w-[16rem] truncate text-sm text-muted">
                Logged in as{" "}
                <strong data-testid="current-user" className="text-ink">
                  {user.email}
                </strong>
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
      </div>
    </header>
  );
}
