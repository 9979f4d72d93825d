const dateTime = new Intl.DateTimeFormat("en-IE", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** When an order was placed, as its heading says it (UTC, as the server cannot know the visitor's zone). */
export function formatOrderDate(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}
