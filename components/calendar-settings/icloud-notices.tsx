"use client";

import Link from "next/link";
import { useActionState } from "react";
import { dismissICloudNoticesAction } from "./actions";
import { Button } from "@/components/ui/button";

export interface ICloudNoticeView {
  id: string;
  detail: string;
  createdAt: string;
  when: string;
  appointmentId: string | null;
}

/** Changes made in iCloud that the CRM undid (two-way sync), until the member dismisses them. */
export function ICloudNotices({ notices }: { notices: ICloudNoticeView[] }) {
  const [, formAction, pending] = useActionState(dismissICloudNoticesAction, null);
  if (notices.length === 0) return null;
  return (
    <section
      role="alert"
      aria-labelledby="icloud-notices-title"
      className="mb-6 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-200"
    >
      <h2 id="icloud-notices-title" className="font-semibold">
        {notices.length === 1
          ? "A change you made in iCloud was not applied"
          : `${notices.length} changes you made in iCloud were not applied`}
      </h2>
      <ul className="mt-2 space-y-1.5">
        {notices.map((n) => (
          <li key={n.id}>
            {n.detail}{" "}
            <span className="text-xs text-amber-800">
              (<time dateTime={n.createdAt}>{n.when}</time>
              {n.appointmentId ? (
                <>
                  {" · "}
                  <Link href={`/appointments/${n.appointmentId}`} className="underline">
                    Open the appointment
                  </Link>
                </>
              ) : null}
              )
            </span>
          </li>
        ))}
      </ul>
      <form action={formAction} className="mt-3">
        {notices.map((n) => (
          <input key={n.id} type="hidden" name="activityId" value={n.id} />
        ))}
        <Button type="submit" variant="secondary" disabled={pending}>
          Dismiss
        </Button>
      </form>
    </section>
  );
}
