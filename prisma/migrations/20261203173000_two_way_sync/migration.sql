-- Opt-in two-way sync with iCloud: per member, the direction and what a deletion in iCloud does.
CREATE TYPE "SyncDirection" AS ENUM ('ONE_WAY', 'TWO_WAY');
CREATE TYPE "ICloudDeleteAction" AS ENUM ('RESTORE', 'CANCEL');

ALTER TABLE "User" ADD COLUMN "syncDirection" "SyncDirection" NOT NULL DEFAULT 'ONE_WAY',
  ADD COLUMN "onICloudDelete" "ICloudDeleteAction" NOT NULL DEFAULT 'RESTORE';

-- Undone iCloud changes stay in a banner until the member dismisses them.
ALTER TABLE "SyncActivity" ADD COLUMN "needsAttention" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "acknowledgedAt" TIMESTAMP(3);

-- Blocked time goes to the member's primary iCloud calendar unless they turn it off.
ALTER TABLE "User" ADD COLUMN "copyBlockedTimeToICloud" BOOLEAN NOT NULL DEFAULT true;
