-- CreateTable
CREATE TABLE "CartItem" (
    "userId" TEXT NOT NULL,
    "cookieId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,

    PRIMARY KEY ("userId", "cookieId"),
    CONSTRAINT "CartItem_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CartItem_cookieId_fkey" FOREIGN KEY ("cookieId") REFERENCES "Cookie" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "checkoutKey" TEXT NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Order_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrderItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "cookieId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "priceCents" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    CONSTRAINT "OrderItem_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrderItem_cookieId_fkey" FOREIGN KEY ("cookieId") REFERENCES "Cookie" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Cookie" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "priceCents" INTEGER NOT NULL,
    "illustration" TEXT NOT NULL DEFAULT 'sugar-cookie',
    "retiredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Cookie" ("createdAt", "description", "id", "name", "priceCents", "slug", "updatedAt") SELECT "createdAt", "description", "id", "name", "priceCents", "slug", "updatedAt" FROM "Cookie";
DROP TABLE "Cookie";
ALTER TABLE "new_Cookie" RENAME TO "Cookie";
CREATE UNIQUE INDEX "Cookie_slug_key" ON "Cookie"("slug");
CREATE INDEX "Cookie_retiredAt_name_idx" ON "Cookie"("retiredAt", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Order_userId_createdAt_idx" ON "Order"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Order_userId_checkoutKey_key" ON "Order"("userId", "checkoutKey");

-- CreateIndex
CREATE INDEX "OrderItem_orderId_idx" ON "OrderItem"("orderId");


-- The catalog's first cookies each have a drawing of their own.
UPDATE "Cookie" SET "illustration" = "slug"
WHERE "slug" IN ('chocolate-chip', 'oatmeal-raisin', 'double-chocolate', 'peanut-butter', 'snickerdoodle', 'lemon-shortbread');
