-- One waiting login per account: of any account's older duplicates, only its newest stays.
DELETE FROM "LoginChallenge" WHERE EXISTS (
  SELECT 1 FROM "LoginChallenge" AS "newer"
  WHERE "newer"."userId" = "LoginChallenge"."userId"
    AND ("newer"."createdAt" > "LoginChallenge"."createdAt"
      OR ("newer"."createdAt" = "LoginChallenge"."createdAt" AND "newer"."id" > "LoginChallenge"."id"))
);

-- DropIndex
DROP INDEX "LoginChallenge_userId_idx";

-- CreateIndex
CREATE UNIQUE INDEX "LoginChallenge_userId_key" ON "LoginChallenge"("userId");

