-- DropIndex
DROP INDEX "MiningSite_countryIso2_idx";

-- CreateTable
CREATE TABLE "SiteCell" (
    "datasetId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "y" INTEGER NOT NULL,
    "x" INTEGER NOT NULL,
    "sites" INTEGER NOT NULL,
    "capacityMw" DOUBLE PRECISION NOT NULL,
    "sumLat" DOUBLE PRECISION NOT NULL,
    "sumLon" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "SiteCell_pkey" PRIMARY KEY ("datasetId","level","y","x")
);

-- CreateIndex
CREATE INDEX "SiteCell_level_y_x_idx" ON "SiteCell"("level", "y", "x");

-- CreateIndex
CREATE INDEX "MiningSite_countryIso2_name_idx" ON "MiningSite"("countryIso2", "name");

-- CreateIndex
CREATE INDEX "MiningSite_datasetId_countryIso2_name_idx" ON "MiningSite"("datasetId", "countryIso2", "name");

-- CreateIndex
CREATE INDEX "MiningSite_lat_lon_idx" ON "MiningSite"("lat", "lon");

-- CreateIndex
CREATE INDEX "MiningSite_datasetId_lat_lon_idx" ON "MiningSite"("datasetId", "lat", "lon");

-- AddForeignKey
ALTER TABLE "SiteCell" ADD CONSTRAINT "SiteCell_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- SQLite's migration of the same name also fills SiteCell from the MiningSite rows already there. No
-- PostgreSQL database predates this migration (the PostgreSQL history starts with all four at once, on an
-- empty database), so there is nothing to fill here: every later write of sites rebuilds its cells.
