"use client";
import type {
  DatesSetArg,
  EventApi,
  EventClickArg,
  EventContentArg,
  EventInput,
  EventMountArg,
  EventSourceFuncArg,
} from "@fullcalendar/core";
import dayGridPlugin from "@fullcalendar/daygrid";
import FullCalendar from "@fullcalendar/react";
import timeGridPlugin from "@fullcalendar/timegrid";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { CLOCK } from "@/lib/time-format";
import { eventDetails, eventTooltip, renderEventContent, timeRangeOf } from "./event-content";
import { EventPopover, type OpenEvent } from "./event-popover";
import type { BlockedProps, EventProps } from "./to-events";
import type { ViewName } from "./views";

interface Props {
  initialView?: ViewName;
  initialDate?: string;
  now: number;
  /** Loads the events of a range; a new function (e.g. another member) makes FullCalendar refetch. */
  loadEvents: (range: { start: Date; end: Date }) => Promise<EventInput[]>;
  onLoading: (loading: boolean) => void;
  onDatesSet: (view: ViewName, date: Date) => void;
  /** Blocked time the viewer may edit opens its editor. */
  onOpenBlocked?: (props: BlockedProps) => void;
}

// Module constants: FullCalendar re-applies every prop on each render, so options keep their identity.
const PLUGINS = [dayGridPlugin, timeGridPlugin];
const TOOLBAR = { left: "prev,next today", center: "title", right: "dayGridMonth,timeGridWeek,timeGridDay" };
const BUTTON_TEXT = { today: "Today", month: "Month", week: "Week", day: "Day" };
const BUTTON_HINTS = { prev: "Previous $0", next: "Next $0", today: "This $0" };

/**
 * FullCalendar in the browser's zone (its default). Client only: the parent renders it once the
 * zone is known. No editing plugin: appointments are changed on their own page, busy blocks never.
 */
export function CalendarGrid({ initialView, initialDate, now, loadEvents, onLoading, onDatesSet, onOpenBlocked }: Props) {
  const router = useRouter();
  const events = useCallback((info: EventSourceFuncArg) => loadEvents({ start: info.start, end: info.end }), [loadEvents]);
  const content = useCallback((arg: EventContentArg) => renderEventContent(arg, now), [now]);
  const datesSet = useCallback((arg: DatesSetArg) => onDatesSet(arg.view.type as ViewName, arg.view.currentStart), [onDatesSet]);
  // Phones start on one day; read once, as FullCalendar only takes the first view.
  const [firstView] = useState<ViewName>(
    () => initialView ?? (window.matchMedia("(max-width: 639px)").matches ? "timeGridDay" : "timeGridWeek"),
  );

  // Busy time has no page: its details open in a popover next to it.
  const [details, setDetails] = useState<OpenEvent | null>(null);
  const closeDetails = useCallback(() => setDetails(null), []);
  const showDetails = useCallback(
    (event: EventApi, anchor: HTMLElement) => {
      const props = event.extendedProps as EventProps;
      setDetails({
        title: props.kind === "blocked" ? "Blocked time" : "Busy in iCloud",
        details: eventDetails(props, timeRangeOf(event), now),
        anchor,
      });
    },
    [now],
  );
  // The listeners added on mount outlive renders: they call the latest function.
  const showDetailsRef = useRef(showDetails);
  useEffect(() => {
    showDetailsRef.current = showDetails;
  }, [showDetails]);

  const openBlockedRef = useRef(onOpenBlocked);
  useEffect(() => {
    openBlockedRef.current = onOpenBlocked;
  }, [onOpenBlocked]);

  function openEvent(arg: EventClickArg) {
    const { jsEvent, event, el } = arg;
    const props = event.extendedProps as EventProps;
    if (props.kind === "blocked") {
      if (props.item.editable) openBlockedRef.current?.(props);
      else setDetails({ title: "Blocked time", details: eventDetails(props, timeRangeOf(event), now), anchor: el });
      return;
    }
    if (props.kind === "busy") {
      showDetails(event, el);
      return;
    }
    // Modified clicks keep the browser's behaviour (new tab, new window).
    if (!event.url || jsEvent.metaKey || jsEvent.ctrlKey || jsEvent.shiftKey || jsEvent.button !== 0) return;
    jsEvent.preventDefault();
    router.push(event.url);
  }

  /** The full details as the native tooltip; busy time also opens its details from the keyboard. */
  const mountEvent = useCallback(
    (arg: EventMountArg) => {
      const props = arg.event.extendedProps as EventProps;
      arg.el.title = eventTooltip(props, timeRangeOf(arg.event), now);
      if (props.kind === "appointment") return;
      arg.el.tabIndex = 0;
      arg.el.setAttribute("role", "button");
      arg.el.setAttribute("aria-haspopup", "dialog");
      arg.el.addEventListener("keydown", (e) => {
        if (e.key !== "Enter" && e.key !== " ") return;
        e.preventDefault();
        if (props.kind === "blocked" && props.item.editable) openBlockedRef.current?.(props);
        else showDetailsRef.current(arg.event, arg.el);
      });
    },
    [now],
  );

  return (
    <>
      <FullCalendar
        plugins={PLUGINS}
        initialView={firstView}
        initialDate={initialDate}
        headerToolbar={TOOLBAR}
        buttonText={BUTTON_TEXT}
        buttonHints={BUTTON_HINTS}
        events={events}
        eventContent={content}
        eventClick={openEvent}
        eventDidMount={mountEvent}
        loading={onLoading}
        datesSet={datesSet}
        editable={false}
        selectable={false}
        navLinks
        nowIndicator
        dayMaxEvents
        eventDisplay="block"
        // The start is enough on the grid (the box shows the length); the tooltip has the full range.
        displayEventEnd={false}
        eventMinHeight={16}
        allDayText="All day"
        slotEventOverlap={false}
        scrollTime="08:00:00"
        // The app's one clock (lib/time-format.ts): "14:00", not FullCalendar's default "2pm".
        eventTimeFormat={CLOCK}
        slotLabelFormat={CLOCK}
        // One fixed height for every view: FullCalendar v6 ignores view-specific heights, and "auto" squashes the month.
        contentHeight={680}
      />
      {details ? <EventPopover open={details} onClose={closeDetails} /> : null}
    </>
  );
}
