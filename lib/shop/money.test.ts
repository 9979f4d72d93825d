import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_PRICE_CENTS, centsToInput, formatPrice, parsePriceToCents } from "./money";

describe("parsePriceToCents", () => {
  it.each([
    ["2.50", 250],
    ["2,5", 250],
    ["2,50", 250],
    ["2.5", 250],
    ["€ 3", 300],
    ["€3", 300],
    ["€3.20", 320],
    ["12", 1200],
    ["0.05", 5],
    ["0", 0],
    ["  4.99  ", 499],
    ["100.00", MAX_PRICE_CENTS],
    ["999999.99", 99_999_999],
  ])("reads %j as %i cents", (text, cents) => {
    expect(parsePriceToCents(text)).toBe(cents);
  });

  it.each([
    "",
    " ",
    "abc",
    "2.505",
    "-1",
    "-1.00",
    "+1",
    "1e2",
    "2.5.0",
    "1,000.00",
    "1.000,00",
    "2.",
    ".5",
    "3 €",
    "€",
    "EUR 3",
    "$3",
    "0x10",
    "Infinity",
    "NaN",
    "1 000",
    "1234567",
    "٣", // an Arabic-Indic digit: \d is ASCII only, and so must the price be
  ])("refuses %j", (text) => {
    expect(parsePriceToCents(text)).toBeNull();
  });
});

describe("formatPrice", () => {
  it("shows euros with two decimals", () => {
    expect(formatPrice(250)).toBe("€2.50");
    expect(formatPrice(5)).toBe("€0.05");
    expect(formatPrice(0)).toBe("€0.00");
    expect(formatPrice(1200)).toBe("€12.00");
    expect(formatPrice(MAX_PRICE_CENTS)).toBe("€100.00");
    expect(formatPrice(123_456_78)).toBe("€123,456.78");
  });
});

describe("centsToInput", () => {
  it("shows cents as the admin form edits them", () => {
    expect(centsToInput(250)).toBe("2.50");
    expect(centsToInput(5)).toBe("0.05");
    expect(centsToInput(1200)).toBe("12.00");
    expect(centsToInput(MAX_PRICE_CENTS)).toBe("100.00");
  });

  it("reads back as the same cents, for every price the form can hold", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (cents) => {
        expect(parsePriceToCents(centsToInput(cents))).toBe(cents);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads back exactly at the tricky binary fractions", () => {
    for (const cents of [1, 7, 10, 29, 57, 99, 101, 115, 1005, 4335, 9999, 10001]) {
      expect(parsePriceToCents(centsToInput(cents))).toBe(cents);
    }
  });
});
