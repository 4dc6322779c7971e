-- A calendar's busy version: raised in the same transaction as any change to its busy blocks,
-- so the app may keep a calendar's merged busy time in memory and know, with one small query,
-- whether it is still what PostgreSQL holds (lib/booking/busy-blocks.ts). Statement-level
-- triggers: a statement that changed no block changes no version.
ALTER TABLE "ExternalCalendar" ADD COLUMN "busyVersion" INTEGER NOT NULL DEFAULT 0;

-- Raises the version of these calendars, once per transaction each: a refresh that replaces 2,000
-- events' blocks in one transaction would otherwise update its calendar's row 4,000 times (and
-- each update walks the row's growing chain of versions). Other transactions never see the states
-- in between, so one new number per committed change is enough. The calendars already raised in
-- this transaction are listed in a transaction-local setting.
CREATE FUNCTION busy_version_raise(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  done text := coalesce(current_setting('crm.busy_version_raised', true), '');
  fresh text[];
BEGIN
  SELECT array_agg(DISTINCT i) INTO fresh FROM unnest(ids) AS i WHERE i IS NOT NULL AND position(',' || i || ',' IN done) = 0;
  IF fresh IS NULL THEN
    RETURN;
  END IF;
  UPDATE "ExternalCalendar" SET "busyVersion" = "busyVersion" + 1 WHERE id = ANY(fresh);
  PERFORM set_config('crm.busy_version_raised', (CASE WHEN done = '' THEN ',' ELSE done END) || array_to_string(fresh, ',') || ',', true);
END $$;

CREATE FUNCTION busy_blocks_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM busy_version_raise(ARRAY(SELECT DISTINCT n."externalCalendarId" FROM busy_new n));
  RETURN NULL;
END $$;

CREATE FUNCTION busy_blocks_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM busy_version_raise(ARRAY(SELECT DISTINCT o."externalCalendarId" FROM busy_old o));
  RETURN NULL;
END $$;

CREATE FUNCTION busy_blocks_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM busy_version_raise(ARRAY(SELECT o."externalCalendarId" FROM busy_old o UNION SELECT n."externalCalendarId" FROM busy_new n));
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
