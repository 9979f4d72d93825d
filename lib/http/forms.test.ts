import { describe, expect, it } from "vitest";
import { formValues } from "./forms";

describe("formValues", () => {
  it("takes only the named fields, with missing ones undefined", () => {
    const form = new FormData();
    form.set("cookieId", "c1");
    form.set("priceCents", "1"); // not asked for: left behind
    expect(formValues(form, ["cookieId", "quantity"])).toEqual({ cookieId: "c1", quantity: undefined });
  });

  it("gives null for anything that is not a form, which every schema refuses", () => {
    for (const sent of [undefined, null, "cookieId=c1", { cookieId: "c1" }, ["c1"]]) {
      expect(formValues(sent, ["cookieId"])).toBeNull();
    }
  });
});
