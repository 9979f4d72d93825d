import type { Page } from "@playwright/test";

/**
 * The named fields of the form that holds `button` on `path`, as the site renders them
 * (Next.js's hidden action fields included), ready to be posted by hand. Checkboxes are
 * left out: unticked, a browser sends nothing for them.
 */
export async function formFields(page: Page, path: string, button: string): Promise<[string, string][]> {
  await page.goto(path);
  return page.getByRole("main").getByRole("button", { name: button }).evaluate((element) =>
    [...(element as HTMLButtonElement).form!.querySelectorAll("input")]
      .filter((input) => input.name && input.type !== "checkbox")
      .map((input) => [input.name, input.value] as [string, string]),
  );
}
