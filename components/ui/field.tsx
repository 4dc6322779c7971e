import { Label } from "radix-ui";
import { cn } from "@/lib/ui/cn";

const CONTROL_CLASS =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 aria-[invalid]:ring-red-500";

interface FrameProps {
  id: string;
  label: string;
  /** Field-level errors from the server action; linked to the control with aria-describedby. */
  errors?: string[];
  hint?: React.ReactNode;
  className?: string;
  /** Renders the control with the attributes that tie it to its label, hint and errors. */
  children: (control: { id: string; "aria-invalid"?: true; "aria-describedby"?: string; className: string }) => React.ReactNode;
}

/** Label, control, hint and errors, laid out and linked the same way for every kind of field. */
export function FieldFrame({ id, label, errors, hint, className, children }: FrameProps) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={cn("space-y-1.5", className)}>
      <Label.Root htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </Label.Root>
      {children({
        id,
        "aria-invalid": errors?.length ? true : undefined,
        "aria-describedby": describedBy || undefined,
        className: CONTROL_CLASS,
      })}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={errorId} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

interface FieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: string;
  errors?: string[];
  hint?: React.ReactNode;
}

export function Field({ id, label, errors, hint, className, ...input }: FieldProps) {
  return (
    <FieldFrame id={id} label={label} errors={errors} hint={hint} className={className}>
      {(control) => <input {...control} {...input} />}
    </FieldFrame>
  );
}
