import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  Object.assign(process.env, {
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://u:p@127.0.0.1:5432/db",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "x".repeat(40),
    CREDENTIALS_ENCRYPTION_KEYS: process.env.CREDENTIALS_ENCRYPTION_KEYS ?? `k1:${Buffer.alloc(32).toString("base64")}`,
    APP_URL: "https://book.example.com",
  });
});
import { emailSubject } from "@/lib/email/render";
import { describeSmtpError, fromAddress, isPermanentSmtpError } from "@/lib/email/transport";

const base = {
  appointmentId: "a1",
  organizationName: "Demo Salon",
  calendarName: "Consultation",
  what: "Consultation",
  staffNames: ["Alice Archer"],
  customerName: "Ada",
  customerEmail: "ada@example.test",
  // 14:00 in New York on 3 Dec 2026 (UTC−05:00).
  start: Date.parse("2026-12-03T19:00:00Z"),
  end: Date.parse("2026-12-03T19:30:00Z"),
  timeZone: "America/New_York",
  sequence: 0,
  link: "https://book.example.com/booking/a1?token=t",
};

describe("email subjects", () => {
  it("say what happened and when, in the recipient's zone and the app's 24-hour clock", () => {
    expect(emailSubject({ ...base, kind: "booking_confirmation" })).toBe("Confirmed: Consultation, Thu 3 Dec 2026 at 14:00");
    expect(emailSubject({ ...base, kind: "booking_rescheduled" })).toBe("Moved: Consultation, now Thu 3 Dec 2026 at 14:00");
    expect(emailSubject({ ...base, kind: "staff_cancelled", timeZone: "Europe/Berlin" })).toBe(
      "Cancelled: Ada, Consultation, Thu 3 Dec 2026 at 20:00",
    );
    expect(emailSubject({ kind: "icloud_reconnect", organizationName: "x", userName: "y", appleId: "z", settingsUrl: "u" })).toBe(
      "Reconnect your iCloud calendar",
    );
  });
});

describe("the SMTP transport's rules", () => {
  it("sends from the organization's name at no-reply@ the app's host unless EMAIL_FROM says otherwise", () => {
    expect(fromAddress("Demo Salon")).toEqual({ name: "Demo Salon", address: "no-reply@book.example.com" });
  });

  it("treats 5xx as permanent and everything else (4xx, a dropped connection) as worth a retry", () => {
    expect(isPermanentSmtpError({ responseCode: 550 })).toBe(true);
    expect(isPermanentSmtpError({ responseCode: 451 })).toBe(false);
    expect(isPermanentSmtpError({ code: "ECONNREFUSED" })).toBe(false);
    expect(describeSmtpError({ responseCode: 451, response: "451 4.3.0 Try later" })).toBe("The mail server answered 451 4.3.0 Try later");
    expect(describeSmtpError({ code: "ETIMEDOUT" })).toBe("Could not reach the mail server (ETIMEDOUT)");
  });
});
