-- CreateEnum
CREATE TYPE "RemoteEventState" AS ENUM ('PENDING', 'SYNCED', 'FAILED', 'REMOVED_IN_ICLOUD', 'CHANGED_IN_ICLOUD');

-- AlterTable
ALTER TABLE "ExternalCalendar" ADD COLUMN     "coveredUntil" TIMESTAMP(3),
ADD COLUMN     "lastRefreshAttemptAt" TIMESTAMP(3),
ADD COLUMN     "lastRefreshError" TEXT,
ADD COLUMN     "lastRefreshedAt" TIMESTAMP(3),
ADD COLUMN     "nextRefreshAt" TIMESTAMP(3),
ADD COLUMN     "refreshFailures" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "blockUnansweredInvitations" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "RemoteEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "appointmentId" TEXT,
    "classOccurrenceId" TEXT,
    "externalCalendarId" TEXT,
    "uid" TEXT NOT NULL,
    "url" TEXT,
    "etag" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "state" "RemoteEventState" NOT NULL DEFAULT 'PENDING',
    "lastError" TEXT,
    "lastSyncedAt" TIMESTAMP(3),
    "observedChangeAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RemoteEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RemoteEvent_uid_key" ON "RemoteEvent"("uid");

-- CreateIndex
CREATE INDEX "RemoteEvent_userId_state_idx" ON "RemoteEvent"("userId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "RemoteEvent_appointmentId_userId_key" ON "RemoteEvent"("appointmentId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "RemoteEvent_classOccurrenceId_userId_key" ON "RemoteEvent"("classOccurrenceId", "userId");

-- AddForeignKey
ALTER TABLE "RemoteEvent" ADD CONSTRAINT "RemoteEvent_externalCalendarId_fkey" FOREIGN KEY ("externalCalendarId") REFERENCES "ExternalCalendar"("id") ON DELETE SET NULL ON UPDATE CASCADE;
