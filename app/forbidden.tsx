import Link from "next/link";

/** 403: signed in, but this is staff's area (lib/auth/dal.ts requireAdmin). */
export default function Forbidden() {
  return (
    <section className="card narrow">
      <h1>Not for customers</h1>
      <p className="mb-4">This page is for the shop&apos;s staff. Your account cannot open it.</p>
      <p>
        <Link href="/cookies">Back to the cookies</Link>
      </p>
    </section>
  );
}
