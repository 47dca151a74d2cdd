/*
  Warnings:

  - You are about to drop the column `isoCountryIso2` on the `Region` table. All the data in the column will be lost.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Region" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "countryIso2" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "Region_countryIso2_fkey" FOREIGN KEY ("countryIso2") REFERENCES "Country" ("iso2") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- A region is counted with its ISO parent (the occupied Ukrainian oblasts were counted with RU before).
INSERT INTO "new_Region" ("code", "countryIso2", "name") SELECT "code", "isoCountryIso2", "name" FROM "Region";
DROP TABLE "Region";
ALTER TABLE "new_Region" RENAME TO "Region";
CREATE INDEX "Region_countryIso2_code_idx" ON "Region"("countryIso2", "code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
