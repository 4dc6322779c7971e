import { NextResponse } from "next/server";
import { rescheduleAsCustomer } from "@/lib/booking/customer";
import { toZonedIso } from "@/lib/time-zones";
import { publicStaffId } from "@/lib/booking/public-ids";
import { checkManageToken } from "@/lib/booking/manage-token";
import { assertReschedulable } from "@/lib/booking/public";
import { RescheduleSchema } from "@/lib/booking/schemas";
import { invalidInput, limitWrites, readJsonBody, withApiErrors } from "@/lib/http/public-api";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return withApiErrors("reschedule booking", async () => {
    const limited = await limitWrites(request);
    if (limited) return limited;
    const { id } = await params;
    const json = await readJsonBody(request);
    if (!json.ok) return json.response;
    const body = RescheduleSchema.safeParse(json.value);
    if (!body.success) return invalidInput(body.error);
    // Only a valid link learns anything about the booking; a wrong one gets the usual 403 below.
    if ((await checkManageToken(id, body.data.token)) === "valid") await assertReschedulable(id);
    const booking = await rescheduleAsCustomer(id, body.data.token, Date.parse(body.data.start));
    return NextResponse.json({
      id: booking.id,
      status: booking.status,
      start: toZonedIso(booking.start, booking.timeZone),
      end: toZonedIso(booking.end, booking.timeZone),
      staff: booking.staff.map((s) => ({ id: publicStaffId(s.id), name: s.name })),
    });
  });
}
