-- CreateEnum
CREATE TYPE "RoundRobinMode" AS ENUM ('OPTIMIZE_AVAILABILITY', 'EQUAL_DISTRIBUTION');

-- CreateEnum
CREATE TYPE "AppointmentStatus" AS ENUM ('CONFIRMED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ClassRecurrence" AS ENUM ('NONE', 'WEEKLY');

-- AlterTable
ALTER TABLE "BookingCalendar" ADD COLUMN     "bufferAfterMinutes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "bufferBeforeMinutes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "maxPerDayPerStaff" INTEGER,
ADD COLUMN     "maxPerDayTotal" INTEGER,
ADD COLUMN     "minimumNoticeMinutes" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "roundRobinMode" "RoundRobinMode" NOT NULL DEFAULT 'OPTIMIZE_AVAILABILITY',
ADD COLUMN     "slotIntervalMinutes" INTEGER,
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC',
ADD COLUMN     "windowEndDate" DATE,
ADD COLUMN     "windowRollingDays" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "windowStartDate" DATE;

-- CreateTable
CREATE TABLE "WorkingHoursOverride" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "startMinute" INTEGER,
    "endMinute" INTEGER,

    CONSTRAINT "WorkingHoursOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Service" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "bookingCalendarId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceStaff" (
    "serviceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "ServiceStaff_pkey" PRIMARY KEY ("serviceId","userId")
);

-- CreateTable
CREATE TABLE "ClassSession" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "bookingCalendarId" TEXT NOT NULL,
    "instructorId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,
    "recurrence" "ClassRecurrence" NOT NULL DEFAULT 'NONE',
    "repeatUntil" DATE,

    CONSTRAINT "ClassSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClassOccurrence" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "seatsTaken" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ClassOccurrence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Appointment" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "bookingCalendarId" TEXT NOT NULL,
    "serviceId" TEXT,
    "classOccurrenceId" TEXT,
    "contactId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "status" "AppointmentStatus" NOT NULL DEFAULT 'CONFIRMED',
    "notes" TEXT NOT NULL DEFAULT '',
    "customerTimeZone" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Appointment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffHold" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "appointmentId" TEXT,
    "classOccurrenceId" TEXT,
    "bookingCalendarId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffHold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BusyBlock" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "externalCalendarId" TEXT NOT NULL,
    "objectUrl" TEXT NOT NULL,
    "objectEtag" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "allDay" BOOLEAN NOT NULL DEFAULT false,
    "title" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BusyBlock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkingHoursOverride_userId_date_idx" ON "WorkingHoursOverride"("userId", "date");

-- CreateIndex
CREATE INDEX "Service_bookingCalendarId_idx" ON "Service"("bookingCalendarId");

-- CreateIndex
CREATE INDEX "ClassSession_bookingCalendarId_idx" ON "ClassSession"("bookingCalendarId");

-- CreateIndex
CREATE UNIQUE INDEX "ClassOccurrence_sessionId_startsAt_key" ON "ClassOccurrence"("sessionId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_organizationId_email_key" ON "Contact"("organizationId", "email");

-- CreateIndex
CREATE INDEX "Appointment_organizationId_startsAt_idx" ON "Appointment"("organizationId", "startsAt");

-- CreateIndex
CREATE INDEX "Appointment_bookingCalendarId_startsAt_idx" ON "Appointment"("bookingCalendarId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_bookingCalendarId_idempotencyKey_key" ON "Appointment"("bookingCalendarId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "StaffHold_userId_startsAt_idx" ON "StaffHold"("userId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "StaffHold_appointmentId_userId_key" ON "StaffHold"("appointmentId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffHold_classOccurrenceId_key" ON "StaffHold"("classOccurrenceId");

-- CreateIndex
CREATE INDEX "BusyBlock_userId_startsAt_idx" ON "BusyBlock"("userId", "startsAt");

-- CreateIndex
CREATE INDEX "BusyBlock_externalCalendarId_objectUrl_idx" ON "BusyBlock"("externalCalendarId", "objectUrl");

-- AddForeignKey
ALTER TABLE "WorkingHoursOverride" ADD CONSTRAINT "WorkingHoursOverride_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_bookingCalendarId_fkey" FOREIGN KEY ("bookingCalendarId") REFERENCES "BookingCalendar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceStaff" ADD CONSTRAINT "ServiceStaff_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceStaff" ADD CONSTRAINT "ServiceStaff_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassSession" ADD CONSTRAINT "ClassSession_bookingCalendarId_fkey" FOREIGN KEY ("bookingCalendarId") REFERENCES "BookingCalendar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassSession" ADD CONSTRAINT "ClassSession_instructorId_fkey" FOREIGN KEY ("instructorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassOccurrence" ADD CONSTRAINT "ClassOccurrence_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ClassSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_bookingCalendarId_fkey" FOREIGN KEY ("bookingCalendarId") REFERENCES "BookingCalendar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_classOccurrenceId_fkey" FOREIGN KEY ("classOccurrenceId") REFERENCES "ClassOccurrence"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffHold" ADD CONSTRAINT "StaffHold_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffHold" ADD CONSTRAINT "StaffHold_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffHold" ADD CONSTRAINT "StaffHold_classOccurrenceId_fkey" FOREIGN KEY ("classOccurrenceId") REFERENCES "ClassOccurrence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BusyBlock" ADD CONSTRAINT "BusyBlock_externalCalendarId_fkey" FOREIGN KEY ("externalCalendarId") REFERENCES "ExternalCalendar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- No staff member may hold two overlapping active bookings: enforced by PostgreSQL itself, so
-- concurrent requests cannot double-book whatever the application code does. (Prisma stores
-- DateTime as UTC in timestamp columns, so tsrange compares instants.)
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE "StaffHold" ADD CONSTRAINT "StaffHold_no_overlap"
  EXCLUDE USING gist ("userId" WITH =, tsrange("startsAt", "endsAt", '[)') WITH &&) WHERE ("active");
ALTER TABLE "StaffHold" ADD CONSTRAINT "StaffHold_positive_length" CHECK ("endsAt" > "startsAt");

-- Class seats can never be oversold.
ALTER TABLE "ClassOccurrence" ADD CONSTRAINT "ClassOccurrence_seats_within_capacity"
  CHECK ("seatsTaken" >= 0 AND "seatsTaken" <= "capacity");

ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_positive_length" CHECK ("endsAt" > "startsAt");
