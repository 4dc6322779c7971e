import type { EventContentArg } from "@fullcalendar/core";
import { formatTime } from "@/lib/time-format";
import { refreshedText } from "./format";
import { LockIcon } from "./lock-icon";
import type { EventProps } from "./to-events";

/** The lines of an event, also used whole as its tooltip. */
export function eventLines(props: EventProps, now: number): string[] {
  if (props.kind === "busy") {
    const { item } = props;
    return [
      item.title,
      `from iCloud · ${item.calendarName}`,
      ...(props.showStaff ? [item.staff.name] : []),
      refreshedText(item.lastRefreshedAt, now),
    ];
  }
  const { item } = props;
  const headline =
    item.kind === "class"
      ? `${item.classTitle ?? "Class"} · ${item.seatsBooked ?? 0} ${item.seatsBooked === 1 ? "seat" : "seats"} booked`
      : (item.customerName ?? "Appointment");
  // Most important first: a short event shows only its first lines.
  return [
    headline,
    ...(props.showStaff ? [item.staff.name] : []),
    ...(item.iCloud ? [item.iCloud.label.startsWith("No iCloud") ? item.iCloud.label : `iCloud: ${item.iCloud.label}`] : []),
    [item.serviceName, item.calendarName].filter(Boolean).join(" · "),
  ];
}

// In the browser's zone, as the grid.
const clock = (date: Date) => formatTime(date);

function timeRange(arg: EventContentArg): string {
  const { start, end, allDay } = arg.event;
  if (allDay || !start) return "All day";
  return end ? `${clock(start)}–${clock(end)}` : clock(start);
}

/** FullCalendar's eventContent: time, then the lines, clipped by the event's box. */
export function renderEventContent(arg: EventContentArg, now: number) {
  const props = arg.event.extendedProps as EventProps;
  const lines = eventLines(props, now);
  const tooltip = [timeRange(arg), props.kind === "busy" ? `🔒 ${lines[0]}` : lines[0], ...lines.slice(1)].join("\n");
  const { start, end } = arg.event;
  const minutes = start && end ? (end.getTime() - start.getTime()) / 60_000 : 0;
  // Month cells, the all-day row and events under half an hour get one line; the rest is in the tooltip.
  const compact = arg.view.type.startsWith("dayGrid") || arg.event.allDay || minutes < 30;
  // Busy blocks keep "last refreshed" for the tooltip and screen readers: on the grid it would crowd out the title.
  const shown = compact ? lines.slice(0, 1) : props.kind === "busy" ? lines.slice(0, -1) : lines;
  // In the team view a one-line event still says whose it is.
  if (compact && props.showStaff) shown[0] = `${shown[0]} · ${props.item.staff.name}`;
  const hidden = lines.slice(shown.length).filter((line) => !(compact && props.showStaff && line === props.item.staff.name));
  return (
    <div title={tooltip} className={compact ? "truncate px-1 text-xs leading-4" : "h-full overflow-hidden px-1 py-0.5 text-xs leading-tight"}>
      <span className="whitespace-nowrap">
        {props.kind === "busy" ? (
          <>
            <LockIcon className="mr-1 size-3" />
            <span className="sr-only">Read-only iCloud busy time: </span>
          </>
        ) : null}
        {arg.timeText ? <span className="mr-1 opacity-90">{arg.timeText}</span> : null}
      </span>
      <span className="font-semibold">{shown[0]}</span>
      {shown.slice(1).map((line, i) => (
        <span key={i} className="block truncate">
          {line}
        </span>
      ))}
      {hidden.length ? <span className="sr-only">{`, ${hidden.join(", ")}`}</span> : null}
    </div>
  );
}
