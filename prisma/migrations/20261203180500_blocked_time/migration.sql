-- Blocked time: a staff member's own unavailable time, held like an appointment.
CREATE TABLE "BlockedTime" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "allDay" BOOLEAN NOT NULL DEFAULT false,
    "seriesId" TEXT,
    "createdById" TEXT,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BlockedTime_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "BlockedTime_userId_startsAt_idx" ON "BlockedTime"("userId", "startsAt");
CREATE INDEX "BlockedTime_seriesId_idx" ON "BlockedTime"("seriesId");
ALTER TABLE "BlockedTime" ADD CONSTRAINT "BlockedTime_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "BlockedTime" ADD CONSTRAINT "BlockedTime_positive_length" CHECK ("endsAt" > "startsAt");

-- Its hold: the same exclusion constraint (no two overlapping active holds of one member) keeps
-- bookings off blocked time. A hold of blocked time belongs to no booking calendar.
ALTER TABLE "StaffHold" ADD COLUMN "blockedTimeId" TEXT;
ALTER TABLE "StaffHold" ALTER COLUMN "bookingCalendarId" DROP NOT NULL;
CREATE UNIQUE INDEX "StaffHold_blockedTimeId_key" ON "StaffHold"("blockedTimeId");
ALTER TABLE "StaffHold" ADD CONSTRAINT "StaffHold_blockedTimeId_fkey" FOREIGN KEY ("blockedTimeId") REFERENCES "BlockedTime"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Its copy in the member's iCloud calendar.
ALTER TABLE "RemoteEvent" ADD COLUMN "blockedTimeId" TEXT;
CREATE UNIQUE INDEX "RemoteEvent_blockedTimeId_userId_key" ON "RemoteEvent"("blockedTimeId", "userId");
