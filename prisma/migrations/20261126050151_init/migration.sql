-- CreateTable
CREATE TABLE "Country" (
    "iso2" TEXT NOT NULL PRIMARY KEY,
    "iso3" TEXT NOT NULL,
    "isoNumeric" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT,
    "subregion" TEXT
);

-- CreateTable
CREATE TABLE "Dataset" (
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
    "contentHash" TEXT NOT NULL,
    "importedAt" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "HashrateShare" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "datasetId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "countryIso2" TEXT,
    "share" REAL NOT NULL,
    "hashrateEh" REAL,
    "sourceLabel" TEXT,
    "certainty" TEXT,
    "sourceUrl" TEXT,
    "note" TEXT,
    CONSTRAINT "HashrateShare_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "HashrateShare_countryIso2_fkey" FOREIGN KEY ("countryIso2") REFERENCES "Country" ("iso2") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NetworkStat" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "datasetId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "hashrateEh" REAL NOT NULL,
    "difficulty" REAL NOT NULL,
    "blockSubsidyBtc" REAL NOT NULL,
    "avgFeesBtc" REAL,
    "method" TEXT,
    CONSTRAINT "NetworkStat_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DifficultyAdjustment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "datasetId" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "dateUtc" TEXT NOT NULL,
    "difficulty" REAL NOT NULL,
    "changePct" REAL NOT NULL,
    "epochHashrateEh" REAL,
    "epochDays" REAL,
    "dateSource" TEXT NOT NULL,
    CONSTRAINT "DifficultyAdjustment_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PowerPrice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "datasetId" INTEGER NOT NULL,
    "countryIso2" TEXT NOT NULL,
    "subdivision" TEXT,
    "usdPerKwh" REAL NOT NULL,
    "priceType" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "certainty" TEXT NOT NULL,
    "note" TEXT,
    CONSTRAINT "PowerPrice_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PowerPrice_countryIso2_fkey" FOREIGN KEY ("countryIso2") REFERENCES "Country" ("iso2") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MiningSite" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "datasetId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "operator" TEXT NOT NULL,
    "countryIso2" TEXT NOT NULL,
    "locality" TEXT,
    "lat" REAL,
    "lon" REAL,
    "capacityMw" REAL,
    "hashrateEh" REAL,
    "energySource" TEXT,
    "status" TEXT NOT NULL,
    "statusNote" TEXT,
    "asOf" TEXT,
    "certainty" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    CONSTRAINT "MiningSite_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MiningSite_countryIso2_fkey" FOREIGN KEY ("countryIso2") REFERENCES "Country" ("iso2") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NetworkEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "datasetId" INTEGER NOT NULL,
    "dateLabel" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" REAL,
    "valueText" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "certainty" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    CONSTRAINT "NetworkEvent_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Bloc" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "datasetId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "membershipAsOf" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    CONSTRAINT "Bloc_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BlocMember" (
    "blocId" TEXT NOT NULL,
    "countryIso2" TEXT NOT NULL,

    PRIMARY KEY ("blocId", "countryIso2"),
    CONSTRAINT "BlocMember_blocId_fkey" FOREIGN KEY ("blocId") REFERENCES "Bloc" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BlocMember_countryIso2_fkey" FOREIGN KEY ("countryIso2") REFERENCES "Country" ("iso2") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShockEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "datasetId" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "endDate" TEXT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    CONSTRAINT "ShockEvent_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShockEventCountry" (
    "shockEventId" INTEGER NOT NULL,
    "countryIso2" TEXT NOT NULL,

    PRIMARY KEY ("shockEventId", "countryIso2"),
    CONSTRAINT "ShockEventCountry_shockEventId_fkey" FOREIGN KEY ("shockEventId") REFERENCES "ShockEvent" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ShockEventCountry_countryIso2_fkey" FOREIGN KEY ("countryIso2") REFERENCES "Country" ("iso2") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Country_iso3_key" ON "Country"("iso3");

-- CreateIndex
CREATE UNIQUE INDEX "Country_isoNumeric_key" ON "Country"("isoNumeric");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_slug_key" ON "Dataset"("slug");

-- CreateIndex
CREATE INDEX "HashrateShare_datasetId_period_idx" ON "HashrateShare"("datasetId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "HashrateShare_datasetId_period_countryIso2_key" ON "HashrateShare"("datasetId", "period", "countryIso2");

-- CreateIndex
CREATE UNIQUE INDEX "NetworkStat_datasetId_period_key" ON "NetworkStat"("datasetId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "DifficultyAdjustment_datasetId_height_key" ON "DifficultyAdjustment"("datasetId", "height");

-- CreateIndex
CREATE INDEX "PowerPrice_countryIso2_idx" ON "PowerPrice"("countryIso2");

-- CreateIndex
CREATE INDEX "MiningSite_countryIso2_idx" ON "MiningSite"("countryIso2");

-- CreateIndex
CREATE UNIQUE INDEX "ShockEvent_slug_key" ON "ShockEvent"("slug");
