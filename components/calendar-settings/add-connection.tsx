"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConnectForm } from "./connect-form";

/** "Add new calendar connection" → the providers that work (only iCloud) → the connect form. */
export function AddConnection() {
  const [step, setStep] = useState<"closed" | "providers" | "icloud">("closed");
  if (step === "closed") {
    return (
      <Button type="button" onClick={() => setStep("providers")}>
        Add new calendar connection
      </Button>
    );
  }
  if (step === "icloud") return <ConnectForm onCancel={() => setStep("closed")} />;
  return (
    <div className="space-y-3">
      <h3 className="text-sm font-semibold">Choose a calendar provider</h3>
      <ul className="divide-y divide-slate-200 rounded-md ring-1 ring-slate-200">
        <li className="flex items-center justify-between gap-4 p-3">
          <div>
            <p className="text-sm font-medium">iCloud Calendar</p>
            <p className="text-xs text-slate-600">Apple ID with an app-specific password (CalDAV).</p>
          </div>
          <Button type="button" onClick={() => setStep("icloud")}>
            Connect
          </Button>
        </li>
      </ul>
      <Button type="button" variant="ghost" onClick={() => setStep("closed")}>
        Cancel
      </Button>
    </div>
  );
}
