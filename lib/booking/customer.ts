import { AppError } from "@/lib/errors";
import { cancelAppointment } from "./cancel";
import { verifyManageToken } from "./manage-token";
import { rescheduleAppointment } from "./reschedule";
import { loadBookingResult } from "./result";
import { db } from "@/lib/db";

// What a customer holding a manage link may do. A wrong token gets the same answer whether the
// booking exists or not.
function assertToken(appointmentId: string, token: string) {
  if (!verifyManageToken(appointmentId, token)) throw new AppError("FORBIDDEN", "This link is not valid for this booking.");
}

export async function getBookingForCustomer(appointmentId: string, token: string) {
  assertToken(appointmentId, token);
  const booking = await loadBookingResult(db, appointmentId);
  if (!booking) throw new AppError("NOT_FOUND", "This booking does not exist.");
  return booking;
}

export async function rescheduleAsCustomer(appointmentId: string, token: string, start: number) {
  assertToken(appointmentId, token);
  return rescheduleAppointment({ appointmentId, start, by: "customer" });
}

export async function cancelAsCustomer(appointmentId: string, token: string) {
  assertToken(appointmentId, token);
  return cancelAppointment({ appointmentId, by: "customer" });
}
