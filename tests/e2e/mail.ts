// Reads what the test SMTP server (started by scripts/e2e.ts) accepted: one .eml file a message.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";

export async function mailsTo(address: string): Promise<ParsedMail[]> {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is not set: run the e2e layer through scripts/e2e.ts");
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith(".eml"))
      .sort();
  } catch {
    return [];
  }
  const parsed = await Promise.all(files.map((f) => simpleParser(readFileSync(path.join(dir, f)))));
  return parsed.filter((m) => [m.to].flat().some((to) => to?.value.some((v) => v.address?.toLowerCase() === address.toLowerCase())));
}

/** Waits for exactly `count` messages to the address (then a moment more, to catch duplicates). */
export async function waitForMails(address: string, count: number, timeoutMs = 15_000): Promise<ParsedMail[]> {
  await expect.poll(async () => (await mailsTo(address)).length, { timeout: timeoutMs, intervals: [200] }).toBeGreaterThanOrEqual(count);
  await new Promise((r) => setTimeout(r, 1_000));
  const mails = await mailsTo(address);
  expect(mails).toHaveLength(count);
  return mails;
}
