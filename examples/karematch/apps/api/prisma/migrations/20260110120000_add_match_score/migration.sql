-- AlterTable
ALTER TABLE "matches" ADD COLUMN "score" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "matches_client_id_score_idx" ON "matches"("client_id", "score" DESC);
