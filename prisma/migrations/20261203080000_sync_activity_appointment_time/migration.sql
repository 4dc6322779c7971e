-- AlterTable: each activity line keeps the appointment's time as it was when the line was written.
ALTER TABLE "SyncActivity" ADD COLUMN     "appointmentStartsAt" TIMESTAMP(3);
