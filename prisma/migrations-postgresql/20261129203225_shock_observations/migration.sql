-- CreateTable
CREATE TABLE "ShockObservation" (
    "id" SERIAL NOT NULL,
    "datasetId" INTEGER NOT NULL,
    "eventId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "dateLabel" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "valueText" TEXT NOT NULL,
    "valueLow" DOUBLE PRECISION,
    "valueHigh" DOUBLE PRECISION,
    "unit" TEXT NOT NULL,
    "certainty" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "ShockObservation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ShockObservation_eventId_idx" ON "ShockObservation"("eventId");

-- AddForeignKey
ALTER TABLE "ShockObservation" ADD CONSTRAINT "ShockObservation_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
