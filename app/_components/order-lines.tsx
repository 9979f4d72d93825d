import { formatPrice } from "@/lib/shop/money";

type Line = { key: string; name: string; priceCents: number; quantity: number };

/** The lines of a cart at checkout or of a placed order, with their total. */
export function OrderLines({ lines, totalCents, caption }: { lines: Line[]; totalCents: number; caption: string }) {
  return (
    <table className="w-full border-collapse text-left text-sm sm:text-base">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-line text-sm text-muted">
          <th scope="col" className="py-2 pr-2 font-semibold">
            Cookie
          </th>
          {["Price", "Quantity", "Subtotal"].map((heading) => (
            <th key={heading} scope="col" className="py-2 pl-3 text-right font-semibold">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.key} className="border-b border-line">
            <th scope="row" className="py-2.5 pr-2 font-medium">
              {line.name}
            </th>
            <td className="py-2.5 pl-3 text-right whitespace-nowrap tabular-nums">{formatPrice(line.priceCents)}</td>
            <td className="py-2.5 pl-3 text-right whitespace-nowrap tabular-nums">{line.quantity}</td>
            <td className="py-2.5 pl-3 text-right whitespace-nowrap tabular-nums">{formatPrice(line.priceCents * line.quantity)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3} className="pt-4 text-right text-base">
            Total
          </th>
          <td className="pt-4 pl-3 text-right text-lg font-bold whitespace-nowrap tabular-nums" data-testid="order-total">
            {formatPrice(totalCents)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
