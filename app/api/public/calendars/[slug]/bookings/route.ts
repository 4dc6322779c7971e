import { NextResponse } from "next/server";
import { createBooking } from "@/lib/booking/create";
import { toZonedIso } from "@/lib/time-zones";
import { publicStaffId } from "@/lib/booking/public-ids";
import { CreateBookingSchema, IdempotencyKeySchema } from "@/lib/booking/schemas";
import { apiError, invalidInput, limitWrites, readJsonBody, withApiErrors } from "@/lib/http/public-api";

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return withApiErrors("create booking", async () => {
    const { slug } = await params;
    const limited = await limitWrites(request, slug);
    if (limited) return limited;
    const keyHeader = request.headers.get("idempotency-key");
    const key = keyHeader === null ? undefined : IdempotencyKeySchema.safeParse(keyHeader);
    if (key && !key.success) return apiError(422, "INVALID_INPUT", `Idempotency-Key ${key.error.issues[0]!.message}`);
    const json = await readJsonBody(request);
    if (!json.ok) return json.response;
    const body = CreateBookingSchema.safeParse(json.value);
    if (!body.success) return invalidInput(body.error);
    const { start, timeZone, serviceId, ...customer } = body.data;
    const booking = await createBooking({
      slug,
      start: Date.parse(start),
      timeZone,
      serviceId,
      customer,
      idempotencyKey: key?.data,
    });
    return NextResponse.json(
      {
        id: booking.id,
        start: toZonedIso(booking.start, timeZone),
        end: toZonedIso(booking.end, timeZone),
        staff: booking.staff.map((s) => ({ id: publicStaffId(s.id), name: s.name })),
        manageToken: booking.manageToken,
      },
      { status: 201 },
    );
  });
}
