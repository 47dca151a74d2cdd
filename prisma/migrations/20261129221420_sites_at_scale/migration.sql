-- DropIndex
DROP INDEX "MiningSite_countryIso2_idx";

-- CreateTable
CREATE TABLE "SiteCell" (
    "datasetId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "y" INTEGER NOT NULL,
    "x" INTEGER NOT NULL,
    "sites" INTEGER NOT NULL,
    "capacityMw" REAL NOT NULL,
    "sumLat" REAL NOT NULL,
    "sumLon" REAL NOT NULL,

    PRIMARY KEY ("datasetId", "level", "y", "x"),
    CONSTRAINT "SiteCell_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

-- Backfill: the cells of the sites already stored, as lib/db/site-cells.ts rebuilds them with every write
-- (finest level 9 from the sites, each coarser level from the one below).
INSERT INTO "SiteCell" ("datasetId", "level", "y", "x", "sites", "capacityMw", "sumLat", "sumLon")
SELECT "datasetId", 9, "y", "x", count(*), total("capacityMw"), total("lat"), total("lon") FROM (
  SELECT "datasetId", "lat", "lon", "capacityMw",
    min(CAST(("lat" + 90) * 512 / 360.0 AS INTEGER), 255) AS "y",
    min(CAST(("lon" + 180) * 512 / 360.0 AS INTEGER), 511) AS "x"
  FROM "MiningSite" WHERE "lat" IS NOT NULL AND "lon" IS NOT NULL
) GROUP BY "datasetId", "y", "x";
INSERT INTO "SiteCell" ("datasetId", "level", "y", "x", "sites", "capacityMw", "sumLat", "sumLon")
SELECT "datasetId", 8, "y" / 2, "x" / 2, sum("sites"), sum("capacityMw"), sum("sumLat"), sum("sumLon") FROM "SiteCell" WHERE "level" = 9 GROUP BY "datasetId", "y" / 2, "x" / 2;
INSERT INTO "SiteCell" ("datasetId", "level", "y", "x", "sites", "capacityMw", "sumLat", "sumLon")
SELECT "datasetId", 7, "y" / 2, "x" / 2, sum("sites"), sum("capacityMw"), sum("sumLat"), sum("sumLon") FROM "SiteCell" WHERE "level" = 8 GROUP BY "datasetId", "y" / 2, "x" / 2;
INSERT INTO "SiteCell" ("datasetId", "level", "y", "x", "sites", "capacityMw", "sumLat", "sumLon")
SELECT "datasetId", 6, "y" / 2, "x" / 2, sum("sites"), sum("capacityMw"), sum("sumLat"), sum("sumLon") FROM "SiteCell" WHERE "level" = 7 GROUP BY "datasetId", "y" / 2, "x" / 2;
INSERT INTO "SiteCell" ("datasetId", "level", "y", "x", "sites", "capacityMw", "sumLat", "sumLon")
SELECT "datasetId", 5, "y" / 2, "x" / 2, sum("sites"), sum("capacityMw"), sum("sumLat"), sum("sumLon") FROM "SiteCell" WHERE "level" = 6 GROUP BY "datasetId", "y" / 2, "x" / 2;
INSERT INTO "SiteCell" ("datasetId", "level", "y", "x", "sites", "capacityMw", "sumLat", "sumLon")
SELECT "datasetId", 4, "y" / 2, "x" / 2, sum("sites"), sum("capacityMw"), sum("sumLat"), sum("sumLon") FROM "SiteCell" WHERE "level" = 5 GROUP BY "datasetId", "y" / 2, "x" / 2;
INSERT INTO "SiteCell" ("datasetId", "level", "y", "x", "sites", "capacityMw", "sumLat", "sumLon")
SELECT "datasetId", 3, "y" / 2, "x" / 2, sum("sites"), sum("capacityMw"), sum("sumLat"), sum("sumLon") FROM "SiteCell" WHERE "level" = 4 GROUP BY "datasetId", "y" / 2, "x" / 2;
INSERT INTO "SiteCell" ("datasetId", "level", "y", "x", "sites", "capacityMw", "sumLat", "sumLon")
SELECT "datasetId", 2, "y" / 2, "x" / 2, sum("sites"), sum("capacityMw"), sum("sumLat"), sum("sumLon") FROM "SiteCell" WHERE "level" = 3 GROUP BY "datasetId", "y" / 2, "x" / 2;
INSERT INTO "SiteCell" ("datasetId", "level", "y", "x", "sites", "capacityMw", "sumLat", "sumLon")
SELECT "datasetId", 1, "y" / 2, "x" / 2, sum("sites"), sum("capacityMw"), sum("sumLat"), sum("sumLon") FROM "SiteCell" WHERE "level" = 2 GROUP BY "datasetId", "y" / 2, "x" / 2;
INSERT INTO "SiteCell" ("datasetId", "level", "y", "x", "sites", "capacityMw", "sumLat", "sumLon")
SELECT "datasetId", 0, "y" / 2, "x" / 2, sum("sites"), sum("capacityMw"), sum("sumLat"), sum("sumLon") FROM "SiteCell" WHERE "level" = 1 GROUP BY "datasetId", "y" / 2, "x" / 2;
