// The Calendar Configuration form must show exactly what is stored after every save: saving
// again without touching anything changes nothing (it once reverted the primary and dropped a
// calendar from conflict checking). A member and an admin of an organization of this spec's own.
import { expect, test, type Page } from "@playwright/test";
import { db } from "@/lib/db";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";
import { signIn, snap } from "./helpers";
import { connect, createICloudAccount } from "./proxy";

async function stored(userId: string) {
  const calendars = await db.externalCalendar.findMany({ where: { userId }, orderBy: { displayName: "asc" } });
  return {
    primary: calendars.find((c) => c.isPrimary)?.displayName ?? null,
    conflicts: calendars.filter((c) => c.checkConflicts).map((c) => c.displayName),
  };
}

/** What the form shows: the primary select's choice and each box's state. */
async function shown(page: Page) {
  return {
    primary: (await page.getByLabel("Primary calendar").locator("option:checked").textContent())?.trim(),
    home: await page.getByLabel("Home", { exact: true }).isChecked(),
    work: await page.getByLabel("Work", { exact: true }).isChecked(),
    locked: (await page.getByLabel("Work", { exact: true }).isDisabled())
      ? "Work"
      : (await page.getByLabel("Home", { exact: true }).isDisabled())
        ? "Home"
        : null,
  };
}

const audits = (userId: string) => db.auditEvent.count({ where: { subjectUserId: userId, action: "calendars.configured" } });

/** Presses Save and waits until the server recorded it and the button is back. */
async function save(page: Page, userId: string) {
  const before = await audits(userId);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect.poll(() => audits(userId)).toBe(before + 1);
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeEnabled();
}

test("after each save, a second save and a reload, the form and the database agree", async ({ page, browser }, testInfo) => {
  const org = await createOrganization(`Config ${uniqueSuffix()}`);
  const member = await createUser({ organizationId: org.id, password: "config member pw", name: "Cleo Config" });
  const admin = await createUser({ organizationId: org.id, role: "ADMIN", password: "config admin pw", name: "Abe Admin" });
  const account = await createICloudAccount();
  await signIn(page, member.email, "config member pw");
  await connect(page, account);
  await expect(page.getByRole("status").filter({ hasText: "iCloud is connected" })).toBeVisible();

  // Work becomes the primary; Home stays counted for conflicts.
  await page.getByLabel("Primary calendar").selectOption({ label: "Work" });
  await save(page, member.id);
  const afterFirst = { primary: "Work", home: true, work: true, locked: "Work" };
  await expect.poll(() => shown(page)).toEqual(afterFirst);
  expect(await stored(member.id)).toEqual({ primary: "Work", conflicts: ["Home", "Work"] });
  await snap(page, testInfo, "1-saved-work");

  // Saving again without touching anything keeps everything.
  await save(page, member.id);
  await expect.poll(() => shown(page)).toEqual(afterFirst);
  expect(await stored(member.id)).toEqual({ primary: "Work", conflicts: ["Home", "Work"] });
  await page.reload();
  await expect.poll(() => shown(page)).toEqual(afterFirst);

  // Home becomes the primary and Work is no longer checked: shown at once, kept on a second save.
  await page.getByLabel("Primary calendar").selectOption({ label: "Home" });
  await page.getByLabel("Work", { exact: true }).uncheck();
  await save(page, member.id);
  const afterSecond = { primary: "Home", home: true, work: false, locked: "Home" };
  await expect.poll(() => shown(page)).toEqual(afterSecond);
  await save(page, member.id);
  await expect.poll(() => shown(page)).toEqual(afterSecond);
  expect(await stored(member.id)).toEqual({ primary: "Home", conflicts: ["Home"] });
  await page.reload();
  await expect.poll(() => shown(page)).toEqual(afterSecond);
  await snap(page, testInfo, "2-saved-home");

  // The audit log tells the same story: no save changed anything it was not asked to.
  const rows = await db.auditEvent.findMany({
    where: { subjectUserId: member.id, action: "calendars.configured" },
    orderBy: { createdAt: "asc" },
  });
  expect(rows.map((a) => (a.details as { primary: string }).primary)).toEqual(["Work", "Work", "Home", "Home"]);

  // The admin's view of the member: the same form, the same guarantee.
  const context = await browser.newContext();
  const adminPage = await context.newPage();
  await signIn(adminPage, admin.email, "config admin pw");
  await adminPage.goto(`/admin/team/${member.id}`);
  await expect.poll(() => shown(adminPage)).toEqual(afterSecond);
  await adminPage.getByLabel("Primary calendar").selectOption({ label: "None: don't write CRM appointments to iCloud" });
  await save(adminPage, member.id);
  const afterAdmin = { primary: "None: don't write CRM appointments to iCloud", home: true, work: false, locked: null };
  await expect.poll(() => shown(adminPage)).toEqual(afterAdmin);
  await save(adminPage, member.id);
  await expect.poll(() => shown(adminPage)).toEqual(afterAdmin);
  expect(await stored(member.id)).toEqual({ primary: null, conflicts: ["Home"] });
  await adminPage.reload();
  await expect.poll(() => shown(adminPage)).toEqual(afterAdmin);
  await snap(adminPage, testInfo, "3-admin-saved");
  await context.close();
});
