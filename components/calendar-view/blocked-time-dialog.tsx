"use client";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import type { FormState } from "@/lib/auth/form-state";
import type { BlockedTimeItem, Wire } from "@/lib/calendar-view/types";
import { zoneLabel } from "@/lib/time-format";

type Action = (state: FormState, data: FormData) => Promise<FormState>;

export interface BlockedTimeActions {
  create: Action;
  update: Action;
  remove: Action;
}

export type BlockedTimeDialogMode =
  | { kind: "create"; members: { id: string; name: string; timeZone: string }[]; userId: string; date: string }
  | { kind: "edit"; item: Wire<BlockedTimeItem> };

const input =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 disabled:bg-slate-50";

/**
 * "Block time" and editing blocked time: a modal dialog (the native <dialog>, so focus stays in it
 * and Escape closes it). Times are the member's own wall times, in their zone, which it names.
 */
export function BlockedTimeDialog({
  mode,
  actions,
  onClose,
  onSaved,
}: {
  mode: BlockedTimeDialogMode;
  actions: BlockedTimeActions;
  onClose: () => void;
  onSaved: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const editing = mode.kind === "edit" ? mode.item : null;
  const [saveState, save, saving] = useActionState(editing ? actions.update : actions.create, null);
  const [deleteState, remove, deleting] = useActionState(actions.remove, null);
  const [userId, setUserId] = useState(editing ? editing.staff.id : mode.kind === "create" ? mode.userId : "");
  const [title, setTitle] = useState(editing?.title ?? "");
  const [allDay, setAllDay] = useState(editing ? editing.allDay !== null : false);
  const [startDate, setStartDate] = useState(editing?.local.startDate ?? (mode.kind === "create" ? mode.date : ""));
  const [startTime, setStartTime] = useState(editing?.local.startTime ?? "09:00");
  const [endDate, setEndDate] = useState(editing?.local.endDate ?? (mode.kind === "create" ? mode.date : ""));
  const [endTime, setEndTime] = useState(editing?.local.endTime ?? "10:00");
  const [repeat, setRepeat] = useState(false);
  const [until, setUntil] = useState("");
  const [scope, setScope] = useState<"one" | "following">("one");

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  useEffect(() => {
    if (saveState?.ok || deleteState?.ok) onSaved();
  }, [saveState, deleteState, onSaved]);

  const zone = editing
    ? editing.staff.timeZone
    : mode.kind === "create"
      ? (mode.members.find((m) => m.id === userId)?.timeZone ?? "UTC")
      : "UTC";
  const errors = saveState && !saveState.ok ? (saveState.fieldErrors ?? {}) : {};
  const error = (name: string) =>
    errors[name]?.length ? (
      <p id={`${titleId}-${name}-error`} className="text-xs text-red-700">
        {errors[name]![0]}
      </p>
    ) : null;
  const described = (name: string) =>
    errors[name]?.length ? { "aria-invalid": true, "aria-describedby": `${titleId}-${name}-error` } : {};

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(32rem,calc(100vw-1rem))] rounded-lg bg-white p-0 text-sm text-slate-900 shadow-xl ring-1 ring-slate-300 backdrop:bg-slate-900/40"
    >
      <form action={save} onSubmit={submitWithoutReset(save)} className="space-y-4 p-5">
        <div className="flex items-start justify-between gap-3">
          <h2 id={titleId} className="text-base font-semibold">
            {editing ? "Blocked time" : "Block time"}
          </h2>
          <button
            type="button"
            onClick={() => ref.current?.close()}
            className="-m-1 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
          >
            <span aria-hidden>✕</span>
            <span className="sr-only">Close</span>
          </button>
        </div>
        {editing ? <input type="hidden" name="blockedTimeId" value={editing.id} /> : null}
        {mode.kind === "create" && mode.members.length > 1 ? (
          <div className="space-y-1">
            <label htmlFor={`${titleId}-member`} className="block font-medium">
              For
            </label>
            <select id={`${titleId}-member`} name="userId" value={userId} onChange={(e) => setUserId(e.target.value)} className={input}>
              {mode.members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="userId" value={userId} />
        )}
        <div className="space-y-1">
          <label htmlFor={`${titleId}-title`} className="block font-medium">
            Title
          </label>
          <input
            id={`${titleId}-title`}
            name="title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="Blocked"
            maxLength={120}
            className={input}
            {...described("title")}
          />
          {error("title")}
        </div>
        <label className="inline-flex items-center gap-2 font-medium">
          <input type="checkbox" name="allDay" checked={allDay} onChange={(e) => setAllDay(e.target.checked)} />
          All day
        </label>
        <div className="grid grid-cols-2 gap-3">
          <div className="space-y-1">
            <label htmlFor={`${titleId}-start-date`} className="block font-medium">
              {allDay ? "First day" : "Start date"}
            </label>
            <input
              id={`${titleId}-start-date`}
              type="date"
              name="startDate"
              value={startDate}
              onChange={(e) => {
                // Keep a one-day block one day when its start moves.
                if (endDate === startDate || endDate < e.target.value) setEndDate(e.target.value);
                setStartDate(e.target.value);
              }}
              required
              className={input}
              {...described("startDate")}
            />
            {error("startDate")}
          </div>
          {allDay ? null : (
            <div className="space-y-1">
              <label htmlFor={`${titleId}-start-time`} className="block font-medium">
                Start time
              </label>
              <input
                id={`${titleId}-start-time`}
                type="time"
                name="startTime"
                value={startTime}
                onChange={(e) => setStartTime(e.target.value)}
                required
                className={input}
                {...described("startTime")}
              />
              {error("startTime")}
            </div>
          )}
          <div className="space-y-1">
            <label htmlFor={`${titleId}-end-date`} className="block font-medium">
              {allDay ? "Last day" : "End date"}
            </label>
            <input
              id={`${titleId}-end-date`}
              type="date"
              name="endDate"
              value={endDate}
              onChange={(e) => setEndDate(e.target.value)}
              required
              className={input}
              {...described("endDate")}
            />
            {error("endDate")}
          </div>
          {allDay ? null : (
            <div className="space-y-1">
              <label htmlFor={`${titleId}-end-time`} className="block font-medium">
                End time
              </label>
              <input
                id={`${titleId}-end-time`}
                type="time"
                name="endTime"
                value={endTime}
                onChange={(e) => setEndTime(e.target.value)}
                required
                className={input}
                {...described("endTime")}
              />
              {error("endTime")}
            </div>
          )}
        </div>
        <p className="text-xs text-slate-500">
          Times in {zoneLabel(zone)}, {editing ? `${editing.staff.name}'s` : "the member's"} time zone.
        </p>
        {editing ? (
          editing.repeats ? (
            <p className="text-xs text-slate-500">One occurrence of a weekly repeat: changes apply to this one only.</p>
          ) : null
        ) : (
          <div className="space-y-2">
            <label className="inline-flex items-center gap-2 font-medium">
              <input type="checkbox" checked={repeat} onChange={(e) => setRepeat(e.target.checked)} />
              Repeat weekly
            </label>
            {repeat ? (
              <div className="space-y-1">
                <label htmlFor={`${titleId}-until`} className="block font-medium">
                  Repeat weekly until
                </label>
                <input
                  id={`${titleId}-until`}
                  type="date"
                  name="repeatWeeklyUntil"
                  value={until}
                  min={startDate}
                  onChange={(e) => setUntil(e.target.value)}
                  required
                  className={input}
                  {...described("repeatWeeklyUntil")}
                />
                {error("repeatWeeklyUntil")}
              </div>
            ) : null}
          </div>
        )}
        <FormMessage state={saveState} />
        <FormMessage state={deleteState} />
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" disabled={saving || deleting}>
            {saving ? "Saving…" : editing ? "Save" : "Block time"}
          </Button>
          <Button type="button" variant="secondary" onClick={() => ref.current?.close()}>
            Cancel
          </Button>
        </div>
      </form>
      {editing ? (
        <form
          action={remove}
          onSubmit={submitWithoutReset(remove)}
          className="flex flex-wrap items-end gap-2 border-t border-slate-200 px-5 py-4"
        >
          <input type="hidden" name="blockedTimeId" value={editing.id} />
          {editing.repeats ? (
            <div className="space-y-1">
              <label htmlFor={`${titleId}-scope`} className="block font-medium">
                Delete
              </label>
              <select
                id={`${titleId}-scope`}
                name="scope"
                value={scope}
                onChange={(e) => setScope(e.target.value as "one" | "following")}
                className={input}
              >
                <option value="one">This occurrence</option>
                <option value="following">This and following</option>
              </select>
            </div>
          ) : (
            <input type="hidden" name="scope" value="one" />
          )}
          <Button type="submit" variant="danger" disabled={saving || deleting}>
            {deleting ? "Deleting…" : "Delete blocked time"}
          </Button>
        </form>
      ) : null}
    </dialog>
  );
}
