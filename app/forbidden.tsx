import Link from "next/link";
import { ErrorCard } from "./_components/error-card";

/** 403: signed in, but this is staff's area (lib/auth/guard/dal.ts requireAdmin). */
export default function Forbidden() {
  return (
    <ErrorCard
      eyebrow="Error 403"
      title="Not for customers"
      message="This page is for the shop's staff. Your account cannot open it."
      illustration="gingerbread"
    >
      <Link href="/cookies" className="button">
        Back to the cookies
      </Link>
      <Link href="/account">Your account</Link>
    </ErrorCard>
  );
}
