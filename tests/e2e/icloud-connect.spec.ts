import { expect, test } from "@playwright/test";
import { signIn, snap } from "./helpers";
import { connect, createICloudAccount, removeFault, revokeAccount } from "./proxy";

test("a staff member connects iCloud, configures calendars, and an admin changes them", async ({ page, browser }, testInfo) => {
  const account = await createICloudAccount();
  await signIn(page, "alice@demo.test");
  await page.goto("/settings/profile/calendars");
  await snap(page, testInfo, "1-settings-empty");
  await connect(page, account);

  await expect(page.getByRole("status").filter({ hasText: "iCloud is connected" })).toBeVisible();
  const row = page.getByRole("listitem", { name: `iCloud Calendar ${account.appleId}` });
  await expect(row.getByText("Connected", { exact: true })).toBeVisible();
  const primary = page.getByLabel("Primary calendar");
  await expect(primary.locator("option")).toHaveText(["None: don't write CRM appointments to iCloud", "Home", "Work"]);
  await expect(page.getByLabel("Reminders")).toHaveCount(0);
  await snap(page, testInfo, "2-connected");

  await primary.selectOption({ label: "Work" });
  await expect(page.getByLabel("Work", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Work", { exact: true })).toBeDisabled();
  await page.getByLabel("Home", { exact: true }).uncheck();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await snap(page, testInfo, "3-configured");

  await page.reload();
  await expect(page.getByLabel("Primary calendar")).toHaveValue(/.+/);
  await expect(page.getByLabel("Primary calendar").locator("option:checked")).toHaveText("Work");
  await expect(page.getByLabel("Home", { exact: true })).not.toBeChecked();
  await expect(page.getByLabel("Work", { exact: true })).toBeChecked();

  // The admin sees the member's connection (status only) and changes the configuration.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@demo.test");
  await admin.goto("/admin/team");
  await expect(admin.getByRole("row", { name: /Alice Archer/ })).toContainText("Connected");
  await admin.getByRole("link", { name: "Alice Archer" }).click();
  await expect(admin.getByText(account.appleId).first()).toBeVisible();
  await expect(admin.getByRole("button", { name: "Disconnect" })).toHaveCount(0);
  await expect(admin.locator("body")).not.toContainText(account.password);
  await admin.getByLabel("Primary calendar").selectOption({ label: "Home" });
  await admin.getByLabel("Work", { exact: true }).check();
  await admin.getByRole("button", { name: "Save", exact: true }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await admin.reload();
  await expect(admin.getByText("Changed the calendar configuration").first()).toBeVisible();
  await snap(admin, testInfo, "4-admin-member");
  await adminContext.close();

  await page.reload();
  await expect(page.getByLabel("Primary calendar").locator("option:checked")).toHaveText("Home");
  await expect(page.getByLabel("Work", { exact: true })).toBeChecked();
  await expect(page.locator("body")).not.toContainText(account.password);
});

// The admin, who no other spec connects: e2e specs share the demo users and run in parallel.
test("a wrong password is explained and nothing is stored", async ({ page }, testInfo) => {
  const account = await createICloudAccount();
  await signIn(page, "admin@demo.test");
  await connect(page, { appleId: account.appleId, password: "aaaa-bbbb-cccc-dddd" });
  await expect(page.getByRole("alert").filter({ hasText: "Apple rejected these credentials" })).toContainText(
    "Use an app-specific password, not your Apple ID password",
  );
  await expect(page.getByLabel("iCloud email")).toHaveValue(account.appleId);
  await expect(page.getByLabel("App-specific password")).toHaveValue("");
  await snap(page, testInfo, "wrong-password");

  // The Apple ID password itself is refused before anything reaches Apple.
  await page.getByLabel("App-specific password").fill("MyAppleIdPassword1!");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByText("That is not an app-specific password.")).toBeVisible();
  await snap(page, testInfo, "not-an-app-password");
  await page.reload();
  await expect(page.getByText("No calendar connections.")).toBeVisible();
});

test("a revoked password is loud, and reconnecting and disconnecting work", async ({ page }, testInfo) => {
  const account = await createICloudAccount();
  await signIn(page, "carol@demo.test");
  await connect(page, account);
  await expect(page.getByRole("status").filter({ hasText: "iCloud is connected" })).toBeVisible();

  const fault = await revokeAccount(account);
  await page.getByRole("button", { name: "Refresh calendars" }).click();
  // The worker's own refresh may meet the 401 first; either way the refusal is explained.
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: /no longer accepts|needs a new app-specific password/ })
      .first(),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByRole("alert").filter({ hasText: "needs a new app-specific password" })).toBeVisible();
  await expect(page.getByText("Needs reconnect", { exact: true })).toBeVisible();
  await snap(page, testInfo, "needs-reconnect");
  await page.goto("/calendar");
  await expect(page.getByRole("alert").filter({ hasText: "needs a new app-specific password" })).toBeVisible();
  await page.getByRole("link", { name: "Reconnect" }).click();

  await removeFault(fault);
  await page.getByLabel("App-specific password").fill(account.password.toUpperCase().replaceAll("-", " "));
  await page.getByRole("button", { name: "Reconnect" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reconnected" })).toBeVisible();
  await page.reload();
  await expect(page.getByText("Connected", { exact: true })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "needs a new app-specific password" })).toHaveCount(0);
  await snap(page, testInfo, "reconnected");

  await page.getByRole("button", { name: "Disconnect" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByLabel("Remove the CRM's events from my iCloud calendar")).toBeChecked();
  await snap(page, testInfo, "disconnect-dialog");
  await dialog.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Disconnected" })).toContainText("removed from iCloud");
  await expect(page.getByText("No calendar connections.")).toBeVisible();
  await snap(page, testInfo, "disconnected");
});
