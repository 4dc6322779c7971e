import type { EventInput } from "@fullcalendar/core";
import type { AppointmentItem, BlockedTimeItem, BusyBlockItem, CalendarFeedJson, Wire } from "@/lib/calendar-view/types";
import { staffColor } from "./format";

// The feed as FullCalendar events. Appointments link to their page; busy blocks are read-only,
// grey and striped, so the two can't be mistaken for each other even without colour.

/**
 * showStaff: the team view, where each event says whose it is: staffLabel is that member's short
 * name there, staffCode an abbreviation for boxes too narrow for it.
 */
type StaffLabels = { showStaff: boolean; staffLabel: string; staffCode: string };
export type AppointmentProps = { kind: "appointment"; item: Wire<AppointmentItem> } & StaffLabels;
export type BusyProps = { kind: "busy"; item: Wire<BusyBlockItem> } & StaffLabels;
export type BlockedProps = { kind: "blocked"; item: Wire<BlockedTimeItem> } & StaffLabels;
export type EventProps = AppointmentProps | BusyProps | BlockedProps;

export const APPOINTMENT_COLOR = "#2563eb";
export const BUSY_STYLE = { backgroundColor: "#f1f5f9", borderColor: "#94a3b8", textColor: "#1e293b" };
/** Blocked time: dark, so it reads as "not bookable" and differs from both of the others. */
export const BLOCKED_STYLE = { backgroundColor: "#334155", borderColor: "#0f172a", textColor: "#ffffff" };

/** Diagonal stripes on top of the grey, drawn by the event element itself. */
export const BUSY_CLASS = "[background-image:repeating-linear-gradient(135deg,#e2e8f0_0_6px,transparent_6px_12px)]";

export function toEvents(
  feed: CalendarFeedJson,
  options: {
    team: boolean;
    colorIndex: (staffId: string) => number;
    shortName?: (staffId: string) => string | undefined;
    code?: (staffId: string) => string | undefined;
  },
): EventInput[] {
  const color = (staffId: string) => (options.team ? staffColor(options.colorIndex(staffId)) : APPOINTMENT_COLOR);
  const labels = (staff: { id: string; name: string }) => {
    const staffLabel = options.shortName?.(staff.id) ?? staff.name;
    return { showStaff: options.team, staffLabel, staffCode: options.code?.(staff.id) ?? staffLabel };
  };
  const appointments = feed.appointments.map((item): EventInput => ({
    id: `hold-${item.id}`,
    title: item.kind === "class" ? (item.classTitle ?? "Class") : (item.customerName ?? "Appointment"),
    start: item.start,
    end: item.end,
    url: item.href ?? undefined,
    editable: false,
    backgroundColor: color(item.staff.id),
    borderColor: color(item.staff.id),
    textColor: "#ffffff",
    extendedProps: { kind: "appointment", item, ...labels(item.staff) } satisfies AppointmentProps,
  }));
  const busy = feed.busyBlocks.map((item): EventInput => ({
    id: `busy-${item.id}`,
    title: item.title,
    ...(item.allDay ? { start: item.allDay.start, end: item.allDay.end, allDay: true } : { start: item.start, end: item.end }),
    editable: false,
    ...BUSY_STYLE,
    // In the team view a member's colour marks the left edge, so one can tell whose busy time it is.
    ...(options.team ? { borderColor: color(item.staff.id) } : {}),
    classNames: ["busy-block", BUSY_CLASS, ...(options.team ? ["border-l-4!"] : [])],
    extendedProps: { kind: "busy", item, ...labels(item.staff) } satisfies BusyProps,
  }));
  const blocked = (feed.blockedTime ?? []).map((item): EventInput => ({
    id: `blocked-${item.id}`,
    title: item.title,
    ...(item.allDay ? { start: item.allDay.start, end: item.allDay.end, allDay: true } : { start: item.start, end: item.end }),
    editable: false,
    ...BLOCKED_STYLE,
    ...(options.team ? { borderColor: color(item.staff.id) } : {}),
    classNames: ["blocked-time", ...(options.team ? ["border-l-4!"] : [])],
    extendedProps: { kind: "blocked", item, ...labels(item.staff) } satisfies BlockedProps,
  }));
  return [...busy, ...blocked, ...appointments];
}
