import Link from "next/link";
import { logout } from "@/lib/flows/account-actions";
import { getCurrentUser } from "@/lib/auth/guard/dal";
import { getCart } from "@/lib/shop/cart";
import { SubmitButton } from "./submit-button";

export async function SiteHeader() {
  const [user, cart] = await Promise.all([getCurrentUser(), getCart()]);
  return (
    <header className="border-b border-line bg-white">
      {/*
        Laptop and tablet: one row. Phone: the logo and the account buttons on top, the links on a
        row of their own below; the source order (logo, links, account) is what assistive
        technology and the Tab key follow.
      */}
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-3 px-4 md:flex-nowrap md:gap-x-6 md:py-3">
        <Link href="/" className="order-1 flex min-h-11 shrink-0 items-center gap-2 rounded-lg text-lg font-bold tracking-tight text-accent-dark no-underline md:text-xl">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/illustrations/chocolate-chip.svg" alt="" width={40} height={30} className="hidden h-7.5 w-10 md:block" />
          Cookieshop
        </Link>
        <nav
          aria-label="Main"
          className="order-3 -mx-4 flex w-[calc(100%+2rem)] flex-wrap items-center border-t border-line px-2 py-1 md:order-2 md:mx-0 md:w-auto md:flex-1 md:flex-nowrap md:border-0 md:p-0"
        >
          <Link href="/cookies" className="nav-link">
            Cookies
          </Link>
          <Link href="/cart" className="nav-link">
            Cart
            <span data-testid="cart-count" className="min-w-6 rounded-full bg-accent-dark px-1.5 text-center text-sm font-semibold text-white">
              {cart.itemCount}
            </span>
            <span className="sr-only">{cart.itemCount === 1 ? "item" : "items"}</span>
          </Link>
          {user && (
            <Link href="/account" className="nav-link">
              Account
            </Link>
          )}
          {user?.role === "admin" && (
            <Link href="/admin/cookies" className="nav-link">
              Manage catalog
            </Link>
          )}
        </nav>
        <div className="order-2 ml-auto flex min-w-0 items-center gap-2 py-2 md:order-3 md:gap-3 md:py-0">
          {user ? (
            <>
              <span className="sr-only text-sm text-muted lg:not-sr-only lg:max-w-[16rem] lg:truncate">
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
              <Link href="/login" className="nav-link">
                Log in
              </Link>
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
