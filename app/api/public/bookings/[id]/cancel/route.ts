import { NextResponse } from "next/server";
import { cancelAsCustomer } from "@/lib/booking/customer";
import { toZonedIso } from "@/lib/time-zones";
import { CancelSchema } from "@/lib/booking/schemas";
import { invalidInput, limitWrites, readJsonBody, withApiErrors } from "@/lib/http/public-api";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return withApiErrors("cancel booking", async () => {
    const limited = await limitWrites(request);
    if (limited) return limited;
    const { id } = await params;
    const json = await readJsonBody(request);
    if (!json.ok) return json.response;
    const body = CancelSchema.safeParse(json.value);
    if (!body.success) return invalidInput(body.error);
    const booking = await cancelAsCustomer(id, body.data.token);
    return NextResponse.json({
      id: booking.id,
      status: booking.status,
      start: toZonedIso(booking.start, booking.timeZone),
      end: toZonedIso(booking.end, booking.timeZone),
    });
  });
}
