/**
 * The one-line message a page shows after an action sent the visitor back to it with
 * `?notice=<code>`. Each page lists the codes it knows; anything else shows nothing, so a
 * crafted link cannot put words on the page.
 */
export type Notices = Record<string, { text: string; problem?: boolean }>;

export function Notice({ code, notices }: { code: string | string[] | undefined; notices: Notices }) {
  const notice = typeof code === "string" && Object.hasOwn(notices, code) ? notices[code] : undefined;
  if (!notice) return null;
  return (
    <p className={notice.problem ? "notice-problem" : "notice"} role={notice.problem ? "alert" : "status"}>
      {notice.text}
    </p>
  );
}
