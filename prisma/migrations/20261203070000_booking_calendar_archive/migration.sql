-- AlterTable
ALTER TABLE "BookingCalendar" ADD COLUMN     "archivedAt" TIMESTAMP(3);

-- No new appointment on an archived calendar. The application checks archivedAt when it reads the
-- calendar; this closes the gap between that read and the insert: archiving holds the calendar's
-- row FOR UPDATE, so the KEY SHARE lock below waits for it and then reads the committed value.
-- (The lock comes before the test: a row filtered out by a WHERE on archivedAt would not be waited for.)
CREATE FUNCTION "appointment_calendar_not_archived"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  archived TIMESTAMP(3);
BEGIN
  SELECT "archivedAt" INTO archived FROM "BookingCalendar" WHERE id = NEW."bookingCalendarId" FOR KEY SHARE;
  IF archived IS NOT NULL THEN
    RAISE EXCEPTION 'booking calendar % is archived', NEW."bookingCalendarId" USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Appointment_calendar_not_archived"
  BEFORE INSERT ON "Appointment"
  FOR EACH ROW EXECUTE FUNCTION "appointment_calendar_not_archived"();
