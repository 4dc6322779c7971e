// Without SMTP_URL (the embedded default) nothing is sent, but every email is still rendered and
// recorded, so the admin's email log shows exactly what customers and staff would receive.
import { describe, expect, it } from "vitest";
import { createBooking } from "@/lib/booking/create";
import { db } from "@/lib/db";
import { listEmails, getEmail } from "@/lib/email/log";
import { sendEmail } from "@/lib/email/send";
import { emailConfigured } from "@/lib/email/transport";
import { createBookingCalendar, customer, newOrganizationWithStaff } from "../support/booking-factories";
import { createUser } from "../support/factories";

const DAY = 86_400_000;

describe("email without SMTP_URL", () => {
  it("renders and records each message as not sent, and only the organization's admins can read them", async () => {
    expect(emailConfigured()).toBe(false);
    const { org, staff } = await newOrganizationWithStaff(1);
    const cal = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: [staff[0]!.id], timeZone: "UTC" });
    const start = Math.ceil((Date.now() + 3 * DAY) / DAY) * DAY + 10 * 60 * 60_000;
    const weekday = new Date(start).getUTCDay();
    const at = weekday === 0 ? start + DAY : weekday === 6 ? start + 2 * DAY : start;
    const who = customer("unconfigured");
    const booking = await createBooking({ slug: cal.slug, start: at, timeZone: "Europe/Berlin", customer: who });

    const queued = await db.emailMessage.findMany({ where: { appointmentId: booking.id } });
    expect(queued.map((m) => m.kind).sort()).toEqual(["booking_confirmation", "staff_new_booking"]);
    for (const m of queued) expect(await sendEmail(m.id)).toEqual({ done: true });

    const confirmation = await db.emailMessage.findFirstOrThrow({ where: { appointmentId: booking.id, kind: "booking_confirmation" } });
    expect(confirmation).toMatchObject({
      status: "NOT_SENT",
      toEmail: who.email,
      attempts: 0,
      lastError: "Email is not configured (SMTP_URL is unset).",
    });
    expect(confirmation.subject).toMatch(/^Confirmed: /);
    expect(confirmation.html).toContain(`Hi ${who.name},`);
    expect(confirmation.text).toContain("Europe/Berlin");
    expect(confirmation.attachments).toEqual([{ filename: "invite.ics", contentType: "text/calendar; method=REQUEST" }]);

    const admin = await createUser({ organizationId: org.id, role: "ADMIN" });
    const actor = (u: { id: string; role: "ADMIN" | "STAFF" }) => ({
      userId: u.id,
      organizationId: org.id,
      role: u.role,
      name: "",
      email: "",
    });
    const { rows } = await listEmails({ actor: actor(admin) });
    expect(rows.map((r) => [r.kindLabel, r.status]).sort()).toEqual([
      ["Booking confirmation", "NOT_SENT"],
      ["Staff: new booking", "NOT_SENT"],
    ]);
    expect((await getEmail({ actor: actor(admin), id: confirmation.id }))?.html).toBe(confirmation.html);
    // Staff can't read the log; another organization's admin finds nothing.
    await expect(listEmails({ actor: actor({ id: staff[0]!.id, role: "STAFF" }) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { org: other } = await newOrganizationWithStaff(0);
    const foreign = await createUser({ organizationId: other.id, role: "ADMIN" });
    expect(
      await getEmail({ actor: { userId: foreign.id, organizationId: other.id, role: "ADMIN", name: "", email: "" }, id: confirmation.id }),
    ).toBeNull();
  });
});
