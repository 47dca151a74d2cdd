-- AlterTable
ALTER TABLE "HashrateShare" ADD COLUMN "sourceDataset" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Dataset" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "licence" TEXT NOT NULL,
    "retrievedAt" TEXT NOT NULL,
    "method" TEXT,
    "caveats" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'seed',
    "coverage" TEXT NOT NULL DEFAULT 'network',
    "contentHash" TEXT NOT NULL,
    "importedAt" TEXT NOT NULL
);
INSERT INTO "new_Dataset" ("caveats", "contentHash", "id", "importedAt", "kind", "licence", "method", "origin", "publisher", "retrievedAt", "slug", "title", "url") SELECT "caveats", "contentHash", "id", "importedAt", "kind", "licence", "method", "origin", "publisher", "retrievedAt", "slug", "title", "url" FROM "Dataset";
DROP TABLE "Dataset";
ALTER TABLE "new_Dataset" RENAME TO "Dataset";
CREATE UNIQUE INDEX "Dataset_slug_key" ON "Dataset"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
