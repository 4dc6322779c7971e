-- A calendar's busy version: raised in the same transaction as any change to its busy blocks,
-- so the app may keep a calendar's merged busy time in memory and know, with one small query,
-- whether it is still what PostgreSQL holds (lib/booking/busy-blocks.ts). Statement-level
-- triggers: one UPDATE per statement that changed blocks, none for a statement that changed none.
ALTER TABLE "ExternalCalendar" ADD COLUMN "busyVersion" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION busy_blocks_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ExternalCalendar" c SET "busyVersion" = c."busyVersion" + 1
  WHERE c.id IN (SELECT DISTINCT n."externalCalendarId" FROM busy_new n);
  RETURN NULL;
END $$;

CREATE FUNCTION busy_blocks_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ExternalCalendar" c SET "busyVersion" = c."busyVersion" + 1
  WHERE c.id IN (SELECT DISTINCT o."externalCalendarId" FROM busy_old o);
  RETURN NULL;
END $$;

CREATE FUNCTION busy_blocks_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ExternalCalendar" c SET "busyVersion" = c."busyVersion" + 1
  WHERE c.id IN (SELECT o."externalCalendarId" FROM busy_old o UNION SELECT n."externalCalendarId" FROM busy_new n);
  RETURN NULL;
END $$;

-- TRUNCATE removes every block without row events: every calendar's version moves.
CREATE FUNCTION busy_blocks_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ExternalCalendar" SET "busyVersion" = "busyVersion" + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER "BusyBlock_inserted" AFTER INSERT ON "BusyBlock"
  REFERENCING NEW TABLE AS busy_new FOR EACH STATEMENT EXECUTE FUNCTION busy_blocks_inserted();
CREATE TRIGGER "BusyBlock_deleted" AFTER DELETE ON "BusyBlock"
  REFERENCING OLD TABLE AS busy_old FOR EACH STATEMENT EXECUTE FUNCTION busy_blocks_deleted();
CREATE TRIGGER "BusyBlock_updated" AFTER UPDATE ON "BusyBlock"
  REFERENCING OLD TABLE AS busy_old NEW TABLE AS busy_new FOR EACH STATEMENT EXECUTE FUNCTION busy_blocks_updated();
CREATE TRIGGER "BusyBlock_truncated" AFTER TRUNCATE ON "BusyBlock"
  FOR EACH STATEMENT EXECUTE FUNCTION busy_blocks_truncated();
