import { NextResponse } from "next/server";
import { toZonedIso } from "@/lib/time-zones";
import { getPublicSlots } from "@/lib/booking/public";
import { SlotsQuerySchema } from "@/lib/booking/schemas";
import { invalidInput, limitReads, withApiErrors } from "@/lib/http/public-api";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return withApiErrors("slots", async () => {
    const limited = await limitReads(request);
    if (limited) return limited;
    const { slug } = await params;
    const query = SlotsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return invalidInput(query.error);
    const { timeZone, startMs, endMs, serviceId } = query.data;
    const slots = await getPublicSlots({ slug, range: { start: startMs, end: endMs }, serviceId });
    return NextResponse.json(
      {
        timeZone,
        slots: slots.map((s) => ({
          start: toZonedIso(s.start, timeZone),
          end: toZonedIso(s.end, timeZone),
          ...(s.seatsLeft !== undefined ? { seatsLeft: s.seatsLeft } : {}),
        })),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  });
}
