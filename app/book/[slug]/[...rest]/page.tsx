import { notFound } from "next/navigation";

/** Anything after a booking page's address opens nothing: the booking page's customer-facing not found. */
export default function BookingPageExtraPath() {
  notFound();
}
