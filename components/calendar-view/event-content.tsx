import type { EventApi, EventContentArg } from "@fullcalendar/core";
import { formatTime } from "@/lib/time-format";
import { refreshedText } from "./format";
import { LockIcon } from "./lock-icon";
import type { EventProps } from "./to-events";

/** The iCloud line of an appointment, in the appointment page's words. */
function iCloudLine(iCloud: { label: string }): string {
  return iCloud.label.startsWith("No iCloud") ? iCloud.label : `iCloud: ${iCloud.label}`;
}

function headlineOf(props: EventProps): string {
  if (props.kind === "busy" || props.kind === "blocked") return props.item.title;
  const { item } = props;
  return item.kind === "class"
    ? `${item.classTitle ?? "Class"} · ${item.seatsBooked ?? 0} ${item.seatsBooked === 1 ? "seat" : "seats"} booked`
    : (item.customerName ?? "Appointment");
}

/** The lines under the headline, most important first: a short event shows only its first lines. */
function detailLines(props: EventProps, now: number): string[] {
  if (props.kind === "blocked") return [props.item.repeats ? "Blocked time · repeats weekly" : "Blocked time"];
  if (props.kind === "busy") {
    const { item } = props;
    return [`from iCloud · ${item.calendarName}`, refreshedText(item.lastRefreshedAt, now)];
  }
  const { item } = props;
  return [...(item.iCloud ? [iCloudLine(item.iCloud)] : []), [item.serviceName, item.calendarName].filter(Boolean).join(" · ")];
}

// In the browser's zone, as the grid.
const clock = (date: Date) => formatTime(date);

/** "10:00–11:00", or "All day". */
export function timeRangeOf(event: Pick<EventApi, "start" | "end" | "allDay">): string {
  const { start, end, allDay } = event;
  if (allDay || !start) return "All day";
  return end ? `${clock(start)}–${clock(end)}` : clock(start);
}

/** Everything about one event, labelled: the tooltip, the details popover and screen readers read it. */
export function eventDetails(props: EventProps, timeRange: string, now: number): { label: string; value: string }[] {
  if (props.kind === "blocked") {
    const { item } = props;
    return [
      { label: "Staff", value: item.staff.name },
      { label: "Blocked", value: item.title },
      { label: "Time", value: timeRange },
      ...(item.repeats ? [{ label: "Repeats", value: "Weekly" }] : []),
    ];
  }
  if (props.kind === "busy") {
    const { item } = props;
    return [
      { label: "Staff", value: item.staff.name },
      { label: "Event", value: item.title },
      { label: "Time", value: timeRange },
      { label: "Calendar", value: `${item.calendarName} (iCloud, read-only)` },
      { label: "Busy time", value: refreshedText(item.lastRefreshedAt, now) },
    ];
  }
  const { item } = props;
  return [
    { label: "Staff", value: item.staff.name },
    { label: item.kind === "class" ? "Class" : "Customer", value: headlineOf(props) },
    { label: "Time", value: timeRange },
    ...(item.iCloud ? [{ label: "iCloud", value: item.iCloud.label }] : []),
    { label: "Booking calendar", value: [item.serviceName, item.calendarName].filter(Boolean).join(" · ") },
  ];
}

/** The native tooltip: the details, one per line. */
export function eventTooltip(props: EventProps, timeRange: string, now: number): string {
  const heading =
    props.kind === "busy"
      ? "🔒 Busy in iCloud (read-only)"
      : props.kind === "blocked"
        ? `Blocked time${props.item.editable ? " (opens to edit)" : ""}`
        : props.item.kind === "class"
          ? "Class"
          : "Appointment";
  return [heading, ...eventDetails(props, timeRange, now).map((d) => `${d.label}: ${d.value}`)].join("\n");
}

/**
 * FullCalendar's eventContent. The team view's boxes are narrow (several members side by side),
 * so each starts with what identifies it in a few characters: the member's short name and the
 * start time, wrapping onto two lines rather than being cut, and in a box too narrow even for
 * that (a container query) the member's code in a smaller type; then the headline and the
 * details, each clipped on its own line. The full text is in the tooltip and, for busy time, a popover.
 */
export function renderEventContent(arg: EventContentArg, now: number) {
  const props = arg.event.extendedProps as EventProps;
  const headline = headlineOf(props);
  const lines = detailLines(props, now);
  const { start, end } = arg.event;
  const minutes = start && end ? (end.getTime() - start.getTime()) / 60_000 : 0;
  // Month cells, the all-day row and events under half an hour get one line.
  const compact = arg.view.type.startsWith("dayGrid") || arg.event.allDay || minutes < 30;
  // Busy blocks keep "last refreshed" for the tooltip and screen readers: on the grid it would crowd out the title.
  const shown = compact ? [] : props.kind === "busy" ? lines.slice(0, -1) : lines;
  const hidden = [...(props.showStaff ? [`with ${props.item.staff.name}`] : []), ...lines.slice(shown.length)];
  const who = props.showStaff ? (
    <>
      <span aria-hidden className="font-bold @max-[3.5rem]:hidden">
        {props.staffLabel}
      </span>
      <span aria-hidden className="hidden font-bold @max-[3.5rem]:inline">
        {props.staffCode}
      </span>
    </>
  ) : null;
  const lock =
    props.kind === "busy" ? (
      <>
        <LockIcon className="size-3 shrink-0 self-center @max-[3.5rem]:size-2.5" />
        <span className="sr-only">Read-only iCloud busy time: </span>
      </>
    ) : null;
  if (compact) {
    return (
      <div className="@container">
        <div className="flex min-w-0 items-baseline gap-x-1 overflow-hidden px-1 text-xs leading-4 whitespace-nowrap @max-[3.5rem]:text-[10px]">
          {lock}
          {who}
          {arg.timeText ? <span className="tabular-nums opacity-90 @max-[3.5rem]:hidden">{arg.timeText}</span> : null}
          <span className="min-w-0 truncate font-semibold">{headline}</span>
          {hidden.length ? <span className="sr-only">{`, ${hidden.join(", ")}`}</span> : null}
        </div>
      </div>
    );
  }
  return (
    <div className="@container h-full">
      <div className="h-full overflow-hidden px-1 py-0.5 text-xs leading-tight @max-[3.5rem]:px-0.5">
        <div data-event-lead className="flex flex-wrap items-baseline gap-x-1 @max-[3.5rem]:text-[10px]">
          {lock}
          {who}
          {arg.timeText ? <span className="tabular-nums opacity-90">{arg.timeText}</span> : null}
        </div>
        <span className="block truncate font-semibold">{headline}</span>
        {shown.map((line, i) => (
          <span key={i} className="block truncate">
            {line}
          </span>
        ))}
        {hidden.length ? <span className="sr-only">{`, ${hidden.join(", ")}`}</span> : null}
      </div>
    </div>
  );
}
