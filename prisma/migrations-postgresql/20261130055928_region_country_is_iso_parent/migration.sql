/*
  Warnings:

  - You are about to drop the column `isoCountryIso2` on the `Region` table. All the data in the column will be lost.

*/
-- A region is counted with its ISO parent (the occupied Ukrainian oblasts were counted with RU before).
UPDATE "Region" SET "countryIso2" = "isoCountryIso2" WHERE "countryIso2" <> "isoCountryIso2";

-- AlterTable
ALTER TABLE "Region" DROP COLUMN "isoCountryIso2";
