import type { Page } from "@playwright/test";

/**
 * The named fields of the form that holds `button` on `path`, as the site renders them
 * (Next.js's hidden action fields included), ready to be posted by hand. Checkboxes are
 * left out: unticked, a browser sends nothing for them.
 */
export async function formFields(page: Page, path: string, button: string): Promise<[string, string][]> {
  await page.goto(path);
  return page.getByRole("main").getByRole("button", { name: button }).evaluate((element) =>
    [...(element as HTMLButtonElement).form!.querySelectorAll<HTMLInputElement>("input, textarea, select")]
      .filter((input) => input.name && input.type !== "checkbox")
      .map((input) => [input.name, input.value] as [string, string]),
  );
}

/**
 * The id of the server action a form's fields post to, as the page's JavaScript would send
 * it in the `Next-Action` header: from `$ACTION_ID_<id>` (a plain form) or the `$ACTION_<n>:0`
 * reference (a form with state).
 */
export function actionIdIn(fields: [string, string][]): string {
  for (const [name, value] of fields) {
    if (name.startsWith("$ACTION_ID_")) return name.slice("$ACTION_ID_".length);
    if (/^\$ACTION_\d+:0$/.test(name)) return (JSON.parse(value) as { id: string }).id;
  }
  throw new Error("the form posts to no server action");
}
