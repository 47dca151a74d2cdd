-- CreateTable
CREATE TABLE "Country" (
    "iso2" TEXT NOT NULL,
    "iso3" TEXT NOT NULL,
    "isoNumeric" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT,
    "subregion" TEXT,

    CONSTRAINT "Country_pkey" PRIMARY KEY ("iso2")
);

-- CreateTable
CREATE TABLE "Dataset" (
    "id" SERIAL NOT NULL,
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
    "importedAt" TEXT NOT NULL,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HashrateShare" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "countryIso2" TEXT,
    "share" DOUBLE PRECISION NOT NULL,
    "hashrateEh" DOUBLE PRECISION,
    "sourceLabel" TEXT,
    "certainty" TEXT,
    "sourceUrl" TEXT,
    "note" TEXT,

    CONSTRAINT "HashrateShare_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NetworkStat" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "hashrateEh" DOUBLE PRECISION NOT NULL,
    "difficulty" DOUBLE PRECISION NOT NULL,
    "blockSubsidyBtc" DOUBLE PRECISION NOT NULL,
    "avgFeesBtc" DOUBLE PRECISION,
    "method" TEXT,

    CONSTRAINT "NetworkStat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DifficultyAdjustment" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "dateUtc" TEXT NOT NULL,
    "difficulty" DOUBLE PRECISION NOT NULL,
    "changePct" DOUBLE PRECISION NOT NULL,
    "epochHashrateEh" DOUBLE PRECISION,
    "epochDays" DOUBLE PRECISION,
    "dateSource" TEXT NOT NULL,

    CONSTRAINT "DifficultyAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PowerPrice" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "countryIso2" TEXT NOT NULL,
    "subdivision" TEXT,
    "usdPerKwh" DOUBLE PRECISION NOT NULL,
    "priceType" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "certainty" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "PowerPrice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MiningSite" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "operator" TEXT NOT NULL,
    "countryIso2" TEXT NOT NULL,
    "locality" TEXT,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "capacityMw" DOUBLE PRECISION,
    "hashrateEh" DOUBLE PRECISION,
    "energySource" TEXT,
    "status" TEXT NOT NULL,
    "statusNote" TEXT,
    "asOf" TEXT,
    "certainty" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,

    CONSTRAINT "MiningSite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NetworkEvent" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "dateLabel" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "valueText" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "certainty" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,

    CONSTRAINT "NetworkEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Bloc" (
    "id" TEXT NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "membershipAsOf" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,

    CONSTRAINT "Bloc_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlocMember" (
    "blocId" TEXT NOT NULL,
    "countryIso2" TEXT NOT NULL,

    CONSTRAINT "BlocMember_pkey" PRIMARY KEY ("blocId","countryIso2")
);

-- CreateTable
CREATE TABLE "ShockEvent" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "endDate" TEXT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,

    CONSTRAINT "ShockEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShockEventCountry" (
    "shockEventId" INTEGER NOT NULL,
    "countryIso2" TEXT NOT NULL,

    CONSTRAINT "ShockEventCountry_pkey" PRIMARY KEY ("shockEventId","countryIso2")
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

-- AddForeignKey
ALTER TABLE "HashrateShare" ADD CONSTRAINT "HashrateShare_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HashrateShare" ADD CONSTRAINT "HashrateShare_countryIso2_fkey" FOREIGN KEY ("countryIso2") REFERENCES "Country"("iso2") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NetworkStat" ADD CONSTRAINT "NetworkStat_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DifficultyAdjustment" ADD CONSTRAINT "DifficultyAdjustment_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerPrice" ADD CONSTRAINT "PowerPrice_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerPrice" ADD CONSTRAINT "PowerPrice_countryIso2_fkey" FOREIGN KEY ("countryIso2") REFERENCES "Country"("iso2") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MiningSite" ADD CONSTRAINT "MiningSite_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MiningSite" ADD CONSTRAINT "MiningSite_countryIso2_fkey" FOREIGN KEY ("countryIso2") REFERENCES "Country"("iso2") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NetworkEvent" ADD CONSTRAINT "NetworkEvent_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bloc" ADD CONSTRAINT "Bloc_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlocMember" ADD CONSTRAINT "BlocMember_blocId_fkey" FOREIGN KEY ("blocId") REFERENCES "Bloc"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlocMember" ADD CONSTRAINT "BlocMember_countryIso2_fkey" FOREIGN KEY ("countryIso2") REFERENCES "Country"("iso2") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShockEvent" ADD CONSTRAINT "ShockEvent_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShockEventCountry" ADD CONSTRAINT "ShockEventCountry_shockEventId_fkey" FOREIGN KEY ("shockEventId") REFERENCES "ShockEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShockEventCountry" ADD CONSTRAINT "ShockEventCountry_countryIso2_fkey" FOREIGN KEY ("countryIso2") REFERENCES "Country"("iso2") ON DELETE RESTRICT ON UPDATE CASCADE;
