import { describe, expect, it } from "vitest";
import { assertCanManageUser, canManageUser } from "@/lib/auth/rules";
import type { Actor } from "@/lib/auth/session";

const staffA: Actor = { userId: "a", organizationId: "org1", role: "STAFF", name: "A", email: "a@x.test" };
const admin: Actor = { userId: "adm", organizationId: "org1", role: "ADMIN", name: "Adm", email: "adm@x.test" };
const otherAdmin: Actor = { userId: "adm2", organizationId: "org2", role: "ADMIN", name: "Adm2", email: "adm2@x.test" };

describe("who may manage a staff member", () => {
  const a = { id: "a", organizationId: "org1" };
  const b = { id: "b", organizationId: "org1" };

  it("lets staff manage only themselves", () => {
    expect(canManageUser(staffA, a)).toBe(true);
    expect(canManageUser(staffA, b)).toBe(false);
  });

  it("lets admins manage anyone in their own organization and no one elsewhere", () => {
    expect(canManageUser(admin, b)).toBe(true);
    expect(canManageUser(otherAdmin, b)).toBe(false);
  });

  it("throws a FORBIDDEN AppError for a missing or foreign target", () => {
    expect(() => assertCanManageUser(staffA, null)).toThrow(/can't manage/);
    expect(() => assertCanManageUser(staffA, b)).toThrowError(expect.objectContaining({ code: "FORBIDDEN" }));
  });
});
