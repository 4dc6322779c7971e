-- A calendar's blocks in time order, with their ends: availability reads a calendar's busy time
-- from this index alone (an index-only scan), instead of visiting one heap page per block.
CREATE INDEX "BusyBlock_externalCalendarId_startsAt_endsAt_idx" ON "BusyBlock"("externalCalendarId", "startsAt", "endsAt");
