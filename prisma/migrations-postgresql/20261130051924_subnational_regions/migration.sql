-- AlterTable
ALTER TABLE "MiningSite" ADD COLUMN     "regionCode" TEXT,
ADD COLUMN     "regionMethod" TEXT;

-- CreateTable
CREATE TABLE "Region" (
    "code" TEXT NOT NULL,
    "countryIso2" TEXT NOT NULL,
    "isoCountryIso2" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "RegionalShare" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "periodLabel" TEXT NOT NULL,
    "periodStart" TEXT NOT NULL,
    "periodEnd" TEXT NOT NULL,
    "countryIso2" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "regionName" TEXT NOT NULL,
    "shareOfCountryLow" DOUBLE PRECISION,
    "shareOfCountryHigh" DOUBLE PRECISION,
    "shareOfNetworkLow" DOUBLE PRECISION,
    "shareOfNetworkHigh" DOUBLE PRECISION,
    "basis" TEXT NOT NULL,
    "sourceOrg" TEXT NOT NULL,
    "method" TEXT,
    "certainty" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "RegionalShare_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Region_countryIso2_code_idx" ON "Region"("countryIso2", "code");

-- CreateIndex
CREATE INDEX "RegionalShare_countryIso2_periodStart_idx" ON "RegionalShare"("countryIso2", "periodStart");

-- CreateIndex
CREATE INDEX "MiningSite_countryIso2_regionCode_idx" ON "MiningSite"("countryIso2", "regionCode");

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_countryIso2_fkey" FOREIGN KEY ("countryIso2") REFERENCES "Country"("iso2") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionalShare" ADD CONSTRAINT "RegionalShare_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Sites stored before this migration keep regionCode NULL until their dataset is written again (seed or import):
-- the region comes from the committed region polygons and the address (lib/geo/site-region.ts), which SQL cannot do.
-- Region is filled by every seed run, start-up included (seed/seed.ts).
