import Link from "next/link";
import { ErrorCard } from "./_components/error-card";

export default function NotFound() {
  return (
    <ErrorCard
      eyebrow="Error 404"
      title="Page not found"
      message="We could not find that page. It may have moved, or the link may be mistyped."
      illustration="oatmeal-raisin"
    >
      <Link href="/cookies" className="button">
        See all cookies
      </Link>
      <Link href="/">Go to the home page</Link>
    </ErrorCard>
  );
}
