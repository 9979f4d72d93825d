import { describe, expect, it } from "vitest";
import { passed, resultsDocument, resultsTable } from "./report";
import type { Row } from "./scenarios";

const rows: Row[] = [
  { id: "hash-floor", what: "login ÷ compare", checks: [{ value: 1.046, unit: "", target: { atMost: 1.15 } }], details: "login 300 ms" },
  {
    id: "storm",
    what: "p99 ratio; refused p99",
    checks: [
      { value: 1.5, unit: "", target: { atMost: 2 } },
      { value: 12.34, unit: " ms", target: { atMost: 10 } },
    ],
    details: "401×10, 429×900",
  },
];

describe("the results table", () => {
  it("shows each check's value, target and verdict", () => {
    const table = resultsTable(rows).split("\n");
    expect(table[2]).toBe("| hash-floor | login ÷ compare | 1.05 | ≤ 1.15 | yes | login 300 ms |");
    expect(table[3]).toBe("| storm | p99 ratio; refused p99 | 1.50; 12.3 ms | ≤ 2; ≤ 10 ms | yes; **no** | 401×10, 429×900 |");
  });

  it("says which targets were missed", () => {
    const [floor, attack] = rows as [Row, Row];
    expect(passed(floor)).toBe(true);
    expect(passed(attack)).toBe(false);
    const machine = { cores: 2, cpu: "Some CPU", node: "v20.20.2" };
    const run = { date: "2026-11-23", commit: "abc1234", database: "SQLite", server: "own", seconds: 200 };
    const document = resultsDocument(rows, machine, run);
    expect(document).toContain("- machine: 2 cores, Some CPU, Node v20.20.2");
    expect(document).toContain("- commit: abc1234");
    expect(document).toContain("Targets missed: storm.");
    expect(resultsDocument(rows.slice(0, 1), machine, run)).toContain("Every target was met.");
  });
});
