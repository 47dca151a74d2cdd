-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "coverage" TEXT NOT NULL DEFAULT 'network';

-- AlterTable
ALTER TABLE "HashrateShare" ADD COLUMN     "sourceDataset" TEXT;
