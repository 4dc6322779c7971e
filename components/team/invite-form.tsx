"use client";

import { useActionState } from "react";
import { inviteMemberAction } from "./actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { CopyLink } from "./copy-link";

export function InviteForm({ timeZones, defaultTimeZone }: { timeZones: { value: string; label: string }[]; defaultTimeZone: string }) {
  const [state, formAction, pending] = useActionState(inviteMemberAction, null);
  const failed = state && !state.ok ? state : undefined;
  const errors = failed?.fieldErrors;
  const values = failed?.values;
  return (
    <div>
      <form action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="Invite team member">
        <Field id="invite-name" name="name" label="Name" required defaultValue={values?.name} errors={errors?.name} />
        <Field id="invite-email" name="email" type="email" label="Email" required defaultValue={values?.email} errors={errors?.email} />
        <SelectField
          id="invite-role"
          name="role"
          label="Role"
          options={[
            { value: "STAFF", label: "Staff" },
            { value: "ADMIN", label: "Admin" },
          ]}
          defaultValue={values?.role || "STAFF"}
          errors={errors?.role}
        />
        <SelectField
          id="invite-timeZone"
          name="timeZone"
          label="Time zone"
          options={timeZones}
          defaultValue={values?.timeZone || defaultTimeZone}
          errors={errors?.timeZone}
        />
        <div className="sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Inviting…" : "Send invitation"}
          </Button>
        </div>
      </form>
      <FormMessage state={state} className="mt-4" />
      {state?.ok && state.data?.url ? <CopyLink url={state.data.url} label="Invitation link" /> : null}
    </div>
  );
}
