import { getBookingForCustomer } from "@/lib/booking/customer";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { limitReads, withApiErrors } from "@/lib/http/public-api";
import { buildCustomerIcs } from "@/lib/booking/customer-ics";
import { NextResponse } from "next/server";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return withApiErrors("booking ics", async () => {
    const limited = await limitReads(request);
    if (limited) return limited;
    const { id } = await params;
    const token = new URL(request.url).searchParams.get("token") ?? "";
    const booking = await getBookingForCustomer(id, token);
    const appointment = await db.appointment.findUniqueOrThrow({ where: { id }, select: { organizationId: true } });
    const organization = await db.organization.findUniqueOrThrow({ where: { id: appointment.organizationId }, select: { name: true } });
    const manageUrl = new URL(`/booking/${id}?token=${encodeURIComponent(token)}`, env.APP_URL).href;
    return new NextResponse(buildCustomerIcs(booking, { organizationName: organization.name, manageUrl }), {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="booking-${id}.ics"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
