import { notFound } from "next/navigation";

/** "/book" alone (a link cut short) opens no booking page: the customer-facing not found, not the staff one. */
export default function BookIndex() {
  notFound();
}
