-- iCloud events a refresh could not read: kept per calendar so availability fails closed and the member is told.
-- AlterTable
ALTER TABLE "ExternalCalendar" ADD COLUMN     "unreadableEvents" JSONB;
