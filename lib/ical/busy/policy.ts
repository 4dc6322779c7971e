// Which events count as busy. Busy-safe by default: when the data does not say the owner is
// free (declined, transparent, cancelled), the time blocks, because a missed block double-books.

import type { EventData } from "./event-reader";

export interface BlockPolicy {
  ownerEmails: ReadonlySet<string>;
  blockUnansweredInvitations: boolean;
}

const CRM_UID = /^crm-.*@crm-calendar$/i;

/** Events the CRM pushed itself: reported to the sync layer, never read back as busy time. */
export function isCrmEvent(uid: string | null, components: EventData[]): boolean {
  return (uid !== null && CRM_UID.test(uid)) || components.some((c) => c.crmRef !== null);
}

type Answer = "declined" | "unanswered" | "attending";

/**
 * The owner's answer to an invitation, or null when it is not one (no attendees, or the owner
 * organises it). Several matching ATTENDEE lines (Apple ID and CRM address both invited):
 * any acceptance wins, then any open question; only all-declined is declined. An invitation
 * that lists none of the owner's addresses still sits in their calendar, so it blocks.
 */
function ownerAnswer(event: EventData, owner: ReadonlySet<string>): Answer | null {
  if (event.attendees.length === 0) return null;
  if (event.organizer.some((e) => owner.has(e))) return null;
  const mine = event.attendees.filter((a) => a.emails.some((e) => owner.has(e)));
  if (mine.length === 0) return "attending";
  if (mine.some((a) => a.partstat === "ACCEPTED" || a.partstat === "TENTATIVE")) return "attending";
  // DELEGATED: the owner handed the invitation to someone else and is not going.
  if (mine.every((a) => a.partstat === "DECLINED" || a.partstat === "DELEGATED")) return "declined";
  // NEEDS-ACTION, no PARTSTAT, or an unknown value (RFC 5545 §3.2.12: treat as NEEDS-ACTION).
  return "unanswered";
}

export function blocksTime(event: EventData, policy: BlockPolicy): boolean {
  if (event.cancelled || event.transparent) return false;
  const answer = ownerAnswer(event, policy.ownerEmails);
  if (answer === "declined") return false;
  if (answer === "unanswered") return policy.blockUnansweredInvitations;
  return true;
}

/** The owner's addresses as ATTENDEE/ORGANIZER lines spell them: lowercased, no mailto:. */
export function ownerEmailsFor(owner: { appleId?: string | null; email?: string | null }): string[] {
  const emails = [owner.appleId, owner.email]
    .map((value) =>
      (value ?? "")
        .trim()
        .replace(/^mailto:/i, "")
        .toLowerCase(),
    )
    // An Apple ID can be a phone number; only addresses can appear in ATTENDEE lines.
    .filter((value) => value.includes("@"));
  return [...new Set(emails)];
}
