import Link from "next/link";

export default function HomePage() {
  return (
    <section className="hero">
      <h1>Freshly baked, delivered warm.</h1>
      <p>Small-batch cookies from our kitchen to your door.</p>
      <Link href="/cookies" className="button">
        Browse the cookies
      </Link>
    </section>
  );
}
