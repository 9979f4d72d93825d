import type { Metadata } from "next";
import Link from "next/link";
import { OrderLines } from "@/app/_components/order-lines";
import { requireUser } from "@/lib/auth/guard/dal";
import { listOrders } from "@/lib/shop/orders";
import { formatOrderDate } from "./order-date";

export const metadata: Metadata = { title: "Your orders" };

export default async function OrdersPage() {
  const user = await requireUser("/account/orders");
  const orders = await listOrders(user.id);
  return (
    <section className="mx-auto max-w-2xl">
      <h1>Your orders</h1>
      {orders.length === 0 ? (
        <p className="card text-center">
          You have not ordered anything yet. <Link href="/cookies">Have a look at our cookies</Link>.
        </p>
      ) : (
        <ol className="stack" aria-label="Orders, newest first">
          {orders.map((order) => (
            <li key={order.id} className="card" data-testid="order">
              <h2 className="mb-3">
                <Link href={`/account/orders/${order.id}`}>Order of {formatOrderDate(order.createdAt)}</Link>
              </h2>
              <OrderLines
                caption={`Order of ${formatOrderDate(order.createdAt)}`}
                totalCents={order.totalCents}
                lines={order.items.map((item) => ({ key: item.id, ...item }))}
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
