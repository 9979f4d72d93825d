-- Keep only the newest link of each account and purpose (the one "the newest link wins"
-- meant to keep; simultaneous requests could leave more), so that the unique index below
-- can be built. Equal times keep the greatest hash: any one, but only one.
DELETE FROM "EmailLink"
WHERE EXISTS (
    SELECT 1 FROM "EmailLink" AS "newer"
    WHERE "newer"."userId" = "EmailLink"."userId"
      AND "newer"."purpose" = "EmailLink"."purpose"
      AND ("newer"."createdAt" > "EmailLink"."createdAt"
           OR ("newer"."createdAt" = "EmailLink"."createdAt" AND "newer"."tokenHash" > "EmailLink"."tokenHash"))
);

-- DropIndex
DROP INDEX "EmailLink_userId_purpose_idx";

-- CreateIndex
CREATE UNIQUE INDEX "EmailLink_userId_purpose_key" ON "EmailLink"("userId", "purpose");
