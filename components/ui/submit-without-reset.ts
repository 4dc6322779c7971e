import { startTransition } from "react";

/**
 * An onSubmit handler that sends the form to a useActionState action without React's automatic
 * form reset. Long editors (booking calendars, working hours) keep what the user typed when the
 * server refuses it; the plain `action` prop stays on the form for submits before hydration.
 */
export function submitWithoutReset(formAction: (data: FormData) => void) {
  return (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(data));
  };
}
