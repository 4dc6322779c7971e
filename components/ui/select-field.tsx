import { FieldFrame } from "./field";

interface SelectFieldProps extends React.SelectHTMLAttributes<HTMLSelectElement> {
  id: string;
  label: string;
  /** Field-level errors from the server action; linked to the select with aria-describedby. */
  errors?: string[];
  hint?: React.ReactNode;
  options: { value: string; label: string }[];
  ref?: React.Ref<HTMLSelectElement>;
}

/** A native select with the same label, hint and error layout as Field. */
export function SelectField({ id, label, errors, hint, options, className, ...select }: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} errors={errors} hint={hint} className={className}>
      {(control) => (
        <select {...control} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
