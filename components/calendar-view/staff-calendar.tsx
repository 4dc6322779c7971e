"use client";
import type { EventInput } from "@fullcalendar/core";
import { useCallback, useMemo, useRef, useState } from "react";
import type { CalendarFeedJson } from "@/lib/calendar-view/types";
import { zoneLabel } from "@/lib/time-format";
import { Button } from "@/components/ui/button";
import { BlockedTimeDialog, type BlockedTimeActions, type BlockedTimeDialogMode } from "./blocked-time-dialog";
import { CalendarGrid } from "./calendar-grid";
import { shortNames, staffCodes } from "./format";
import { FreshnessList } from "./freshness-list";
import { useBrowserTimeZone, useNow } from "./hooks";
import { Legend } from "./legend";
import { toEvents, type BlockedProps } from "./to-events";
import type { ViewName } from "./views";

export interface StaffCalendarProps {
  me: { id: string; name: string; timeZone: string };
  /** Everyone in the organization (admins only): the "Show" choices and each member's colour. */
  team: { id: string; name: string; timeZone: string }[] | null;
  initial: { view?: ViewName; date?: string; show?: string };
  /** Server actions for blocked time, passed down by the page. */
  blockedTimeActions: BlockedTimeActions;
}

async function fetchFeed(range: { start: Date; end: Date }, show: string): Promise<CalendarFeedJson> {
  const params = new URLSearchParams({ start: range.start.toISOString(), end: range.end.toISOString() });
  if (show !== "me") params.set("staffId", show);
  const response = await fetch(`/calendar/events?${params}`, { cache: "no-store" });
  const body = (await response.json().catch(() => null)) as (CalendarFeedJson & { error?: { message: string } }) | null;
  if (!response.ok || !body) throw new Error(body?.error?.message ?? "The calendar could not be loaded. Try again.");
  return body;
}

/** Keeps view, date and member in the address bar, so Back from an appointment returns here. */
function rememberInUrl(values: Record<string, string>) {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(values)) url.searchParams.set(key, value);
  window.history.replaceState(window.history.state, "", url);
}

function localDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

export function StaffCalendar({ me, team, initial, blockedTimeActions }: StaffCalendarProps) {
  const timeZone = useBrowserTimeZone();
  const now = useNow();
  const validShow = initial.show && (initial.show === "team" || team?.some((m) => m.id === initial.show)) ? initial.show : "me";
  const [show, setShow] = useState(team ? validShow : "me");
  const [feed, setFeed] = useState<CalendarFeedJson | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const colorIndex = useMemo(() => {
    const order = new Map((team ?? [me]).map((m, i) => [m.id, i]));
    return (id: string) => order.get(id) ?? 0;
  }, [team, me]);
  // The team view's events are narrow: each says whose it is by a short name.
  const [shortName, code] = useMemo(() => {
    const names = shortNames(team ?? [me]);
    const codes = staffCodes(team ?? [me]);
    return [(id: string) => names.get(id), (id: string) => codes.get(id)];
  }, [team, me]);

  // Only the newest request may set the freshness list and errors: an older answer (another
  // member, a range already left) can arrive last. FullCalendar guards its events the same way.
  const latest = useRef(0);
  // Bumped after blocked time changes: a new loader makes FullCalendar fetch again.
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<BlockedTimeDialogMode | null>(null);
  const closeDialog = useCallback(() => setDialog(null), []);
  const saved = useCallback(() => {
    setDialog(null);
    setVersion((v) => v + 1);
  }, []);
  const openBlocked = useCallback((props: BlockedProps) => setDialog({ kind: "edit", item: props.item }), []);
  const loadEvents = useCallback(
    async (range: { start: Date; end: Date }): Promise<EventInput[]> => {
      void version;
      const request = ++latest.current;
      try {
        const data = await fetchFeed(range, show);
        if (request === latest.current) {
          setFeed(data);
          setError(null);
        }
        return toEvents(data, { team: show === "team", colorIndex, shortName, code });
      } catch (e) {
        if (request === latest.current) setError(e instanceof Error ? e.message : String(e));
        throw e;
      }
    },
    [show, colorIndex, shortName, code, version],
  );

  // The first range is the one the page opened with: the address changes only once the user
  // moves. Compared by value, because React's development mode mounts the grid twice.
  const opened = useRef<string | null>(null);
  const moved = useRef(false);
  const rememberDates = useCallback((view: ViewName, start: Date) => {
    const shown = `${view}@${localDate(start)}`;
    if (opened.current === null) opened.current = shown;
    moved.current ||= shown !== opened.current;
    if (moved.current) rememberInUrl({ view, date: localDate(start) });
  }, []);

  const isTeam = show === "team";
  const choices = [{ id: "me", name: "Me" }, ...(team ?? []).filter((m) => m.id !== me.id), { id: "team", name: "Team" }];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        {team ? (
          <div className="space-y-1">
            <label htmlFor="calendar-show" className="block text-sm font-medium text-slate-800">
              Show
            </label>
            <select
              id="calendar-show"
              value={show}
              onChange={(e) => {
                setShow(e.target.value);
                rememberInUrl({ show: e.target.value });
              }}
              className="block w-56 max-w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
            >
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            const members = team ?? [me];
            const chosen = show !== "me" && show !== "team" ? show : me.id;
            setDialog({ kind: "create", members, userId: chosen, date: localDate(new Date()) });
          }}
        >
          Block time
        </Button>
        <p className="text-sm text-slate-600">
          Times in <span className="font-medium text-slate-900">{timeZone ? zoneLabel(timeZone) : "your browser's time zone"}</span> (this
          browser&apos;s time zone)
          <span role="status" className="ml-2 text-slate-500">
            {loading ? "Loading…" : ""}
          </span>
        </p>
      </div>
      <Legend members={isTeam && feed ? feed.members.map((m) => ({ ...m, colorIndex: colorIndex(m.id) })) : null} />
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}
      {/* FullCalendar's own CSS is unlayered, so overriding it from Tailwind's layer needs "!". */}
      <div className="text-sm [&_.fc-toolbar]:flex-wrap [&_.fc-toolbar]:gap-2 [&_.fc-toolbar-title]:text-lg! [&_.fc-toolbar-title]:font-semibold [&_.fc-timegrid-slot]:h-8!">
        {timeZone ? (
          <CalendarGrid
            initialView={initial.view}
            initialDate={initial.date}
            now={now}
            loadEvents={loadEvents}
            onLoading={setLoading}
            onDatesSet={rememberDates}
            onOpenBlocked={openBlocked}
          />
        ) : (
          <p className="py-24 text-center text-sm text-slate-500">Loading the calendar…</p>
        )}
      </div>
      {dialog ? <BlockedTimeDialog mode={dialog} actions={blockedTimeActions} onClose={closeDialog} onSaved={saved} /> : null}
      <section aria-labelledby="freshness-title" className="border-t border-slate-200 pt-3">
        <h2 id="freshness-title" className="mb-1 text-sm font-semibold text-slate-900">
          iCloud calendars
        </h2>
        {feed ? <FreshnessList calendars={feed.calendars} now={now} showStaff={isTeam} isMe={show === "me"} /> : null}
      </section>
    </div>
  );
}
