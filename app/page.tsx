import Link from "next/link";
import { CookiePicture } from "@/app/_components/cookie-picture";
import { listCookies } from "@/lib/shop/catalog";
import { formatPrice } from "@/lib/shop/money";

/** How many of the catalog's cookies the home page shows off. */
const FEATURED_COUNT = 3;

const PROMISES = [
  { title: "Baked to order", text: "We bake your cookies once you have ordered them." },
  { title: "Small batches", text: "A few trays at a time, every morning, by hand." },
  { title: "Delivered warm", text: "Straight from our oven to your door." },
];

export default async function HomePage() {
  const featured = (await listCookies()).slice(0, FEATURED_COUNT);
  return (
    <>
      <section className="grid items-center gap-8 py-2 sm:py-8 md:grid-cols-[1.1fr_1fr]" aria-labelledby="hero-title">
        <div>
          <p className="eyebrow">Small-batch cookie bakery</p>
          <h1 id="hero-title" className="text-4xl sm:text-5xl">
            Freshly baked, delivered warm.
          </h1>
          <p className="mb-6 max-w-md text-lg text-muted">Small-batch cookies from our kitchen to your door.</p>
          <Link href="/cookies" className="button">
            Browse the cookies
          </Link>
        </div>
        {/* Decorative: three drawings on a plate-coloured blob. */}
        <div className="mx-auto grid w-full max-w-xs grid-cols-2 gap-3 rounded-[2.5rem] bg-line/50 p-4 sm:max-w-md sm:p-6">
          <CookiePicture illustration="chocolate-chip" className="col-span-2 mx-auto aspect-4/3 w-3/4" />
          <CookiePicture illustration="jam-thumbprint" className="aspect-4/3 w-full" />
          <CookiePicture illustration="gingerbread" className="aspect-4/3 w-full" />
        </div>
      </section>

      <section className="mt-10 sm:mt-14" aria-labelledby="promises-title">
        <h2 id="promises-title" className="sr-only">
          Why our cookies
        </h2>
        <ul className="grid gap-4 sm:grid-cols-3">
          {PROMISES.map((promise) => (
            <li key={promise.title} className="rounded-2xl border border-line bg-white/60 px-5 py-4">
              <h3 className="font-semibold">{promise.title}</h3>
              <p className="text-sm text-muted">{promise.text}</p>
            </li>
          ))}
        </ul>
      </section>

      {featured.length > 0 && (
        <section className="mt-10 sm:mt-14" aria-labelledby="featured-title">
          <div className="mb-4 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <h2 id="featured-title" className="text-2xl font-bold">
              Fresh out of the oven
            </h2>
            <Link href="/cookies">See all our cookies</Link>
          </div>
          <ul className="grid gap-5 sm:grid-cols-3">
            {featured.map((cookie) => (
              <li
                key={cookie.id}
                className="card relative grid grid-cols-[6rem_1fr] content-center gap-x-4 gap-y-1 p-4 transition-shadow hover:shadow-md sm:flex sm:flex-col sm:gap-2 sm:p-5"
              >
                <CookiePicture illustration={cookie.illustration} className="row-span-2 aspect-4/3 w-full rounded-xl" />
                <h3 className="self-end font-semibold">
                  {/* The whole card is the link's click area; its name stays the cookie's name. */}
                  <Link href={`/cookies#cookie-${cookie.id}`} className="text-ink no-underline after:absolute after:inset-0 after:rounded-2xl hover:underline">
                    {cookie.name}
                  </Link>
                </h3>
                <p className="price self-start">{formatPrice(cookie.priceCents)}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
