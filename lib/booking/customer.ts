import { AppError } from "@/lib/errors";
import { cancelAppointment } from "./cancel";
import { checkManageToken } from "./manage-token";
import { rescheduleAppointment } from "./reschedule";
import { loadBookingResult } from "./result";
import { db } from "@/lib/db";

// What a customer holding a manage link may do. A wrong token gets the same answer whether the
// booking exists or not.
async function assertToken(appointmentId: string, token: string) {
  const check = await checkManageToken(appointmentId, token);
  if (check === "invalid") throw new AppError("FORBIDDEN", "This link is not valid for this booking.");
  if (check === "expired") throw new AppError("GONE", MANAGE_LINK_EXPIRED);
}

export const MANAGE_LINK_EXPIRED =
  "This link has expired: links to manage a booking stop working 30 days after the appointment. Contact the business if you need anything about it.";

export async function getBookingForCustomer(appointmentId: string, token: string) {
  await assertToken(appointmentId, token);
  const booking = await loadBookingResult(db, appointmentId);
  if (!booking) throw new AppError("NOT_FOUND", "This booking does not exist.");
  return booking;
}

export async function rescheduleAsCustomer(appointmentId: string, token: string, start: number) {
  await assertToken(appointmentId, token);
  return rescheduleAppointment({ appointmentId, start, by: "customer" });
}

export async function cancelAsCustomer(appointmentId: string, token: string) {
  await assertToken(appointmentId, token);
  return cancelAppointment({ appointmentId, by: "customer" });
}
