import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Notice, type Notices } from "@/app/_components/notice";
import { OrderLines } from "@/app/_components/order-lines";
import { requireUser } from "@/lib/auth/guard/dal";
import { findOrder } from "@/lib/shop/orders";
import { formatOrderDate } from "../order-date";

export const metadata: Metadata = { title: "Your order" };

const NOTICES: Notices = { "order-placed": { text: "Thank you! Your order is placed and we have started baking." } };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ notice?: string | string[] }> };

export default async function OrderPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireUser(`/account/orders/${encodeURIComponent(id)}`);
  const order = await findOrder(user.id, id);
  // Another customer's order is answered exactly like one that does not exist.
  if (!order) notFound();
  const { notice } = await searchParams;
  return (
    <section className="card mx-auto max-w-2xl">
      <Notice code={notice} notices={NOTICES} />
      <h1 className="mb-1">Order of {formatOrderDate(order.createdAt)}</h1>
      <p className="mb-6 text-sm text-muted wrap-anywhere">Order number {order.id}</p>
      <OrderLines caption="What you ordered" totalCents={order.totalCents} lines={order.items.map((item) => ({ key: item.id, ...item }))} />
      <p className="mt-6 border-t border-line pt-5">
        <Link href="/account/orders">All your orders</Link>
      </p>
    </section>
  );
}
