-- CreateTable
CREATE TABLE "SyncActivity" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "connectionId" TEXT,
    "appointmentId" TEXT,
    "operation" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncActivity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SyncActivity_connectionId_createdAt_idx" ON "SyncActivity"("connectionId", "createdAt");

-- CreateIndex
CREATE INDEX "SyncActivity_userId_createdAt_idx" ON "SyncActivity"("userId", "createdAt");
