import { notFound } from "next/navigation";

/** "/booking" alone (a manage link cut short) opens no booking: the customer-facing not found, not the staff one. */
export default function ManageIndex() {
  notFound();
}
