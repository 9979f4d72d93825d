import { describe, expect, it } from "vitest";
import { databaseTestFiles, isDatabaseTest } from "./test-selection";

const helper = "test-database"; // spelled apart, so this file does not select itself

describe("the unit tests that run again on PostgreSQL", () => {
  it("are those that import lib/db/test-database.ts", () => {
    expect(isDatabaseTest(`import { migratedTestDatabase } from "../${helper}";`)).toBe(true);
    expect(isDatabaseTest(`import {\n  cheapHash,\n} from '@/lib/${helper}'`)).toBe(true);
    expect(isDatabaseTest(`// like ${helper}.ts, but in memory\nimport { x } from "./memory";`)).toBe(false);
  });

  it("include every test with a database and no pure-logic one", () => {
    const files = databaseTestFiles();
    expect(files).toEqual(expect.arrayContaining(["lib/flows/operator.test.ts", "lib/shop/orders.test.ts", "prisma/migrations.test.ts"]));
    expect(files).not.toContain("lib/auth/schemas.test.ts");
    expect(files).not.toContain("scripts/test-selection.test.ts");
  });
});
