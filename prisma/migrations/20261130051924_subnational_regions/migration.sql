-- AlterTable
ALTER TABLE "MiningSite" ADD COLUMN "regionCode" TEXT;
ALTER TABLE "MiningSite" ADD COLUMN "regionMethod" TEXT;

-- CreateTable
CREATE TABLE "Region" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "countryIso2" TEXT NOT NULL,
    "isoCountryIso2" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "Region_countryIso2_fkey" FOREIGN KEY ("countryIso2") REFERENCES "Country" ("iso2") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RegionalShare" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "datasetId" INTEGER NOT NULL,
    "periodLabel" TEXT NOT NULL,
    "periodStart" TEXT NOT NULL,
    "periodEnd" TEXT NOT NULL,
    "countryIso2" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "regionName" TEXT NOT NULL,
    "shareOfCountryLow" REAL,
    "shareOfCountryHigh" REAL,
    "shareOfNetworkLow" REAL,
    "shareOfNetworkHigh" REAL,
    "basis" TEXT NOT NULL,
    "sourceOrg" TEXT NOT NULL,
    "method" TEXT,
    "certainty" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "note" TEXT,
    CONSTRAINT "RegionalShare_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Region_countryIso2_code_idx" ON "Region"("countryIso2", "code");

-- CreateIndex
CREATE INDEX "RegionalShare_countryIso2_periodStart_idx" ON "RegionalShare"("countryIso2", "periodStart");

-- CreateIndex
CREATE INDEX "MiningSite_countryIso2_regionCode_idx" ON "MiningSite"("countryIso2", "regionCode");

-- Sites stored before this migration keep regionCode NULL until their dataset is written again (seed or import):
-- the region comes from the committed region polygons and the address (lib/geo/site-region.ts), which SQL cannot do.
-- Region is filled by every seed run, start-up included (seed/seed.ts).
