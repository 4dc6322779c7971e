// A real SMTP server for tests (smtp-server, from the Nodemailer project). It keeps every
// message it accepted, parsed with mailparser; a test can refuse attempts with 4xx/5xx, or hold
// a message without answering (to kill a sender mid-send: a message whose DATA was never
// acknowledged is dropped, as a real server drops it).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  messageId: string;
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpOptions {
  /** Called for each delivery attempt with its Message-ID and the attempt number for that id (1-based). */
  decide?: (attempt: { messageId: string; n: number }) => { code: number; message: string } | "hold" | "accept";
  /** Called as each message is accepted (benchmarks time it). */
  onAccept?: (mail: ReceivedMail) => void;
  /** Also write each accepted message as <Message-ID>.eml here (the e2e layer reads them). */
  saveTo?: string;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Attempts per Message-ID, accepted or not. */
  attempts: Map<string, number>;
  /** How many messages are being held unanswered right now or were (see SmtpOptions.decide). */
  heldCount(): number;
  to(address: string): ReceivedMail[];
  waitFor(predicate: (mails: ReceivedMail[]) => boolean, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpServer(options: SmtpOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const attempts = new Map<string, number>();
  let held = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? "";
        const n = (attempts.get(messageId) ?? 0) + 1;
        attempts.set(messageId, n);
        const decision = options.decide?.({ messageId, n }) ?? "accept";
        if (decision === "hold") {
          // Never answer: the sender is killed while waiting, and the message is not delivered.
          held += 1;
          return;
        }
        if (decision !== "accept") {
          const error = Object.assign(new Error(decision.message), { responseCode: decision.code });
          callback(error);
          return;
        }
        void simpleParser(raw).then(
          (parsed) => {
            const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
            const mail = { messageId, to, raw, parsed };
            received.push(mail);
            options.onAccept?.(mail);
            if (options.saveTo) {
              mkdirSync(options.saveTo, { recursive: true });
              writeFileSync(path.join(options.saveTo, `${Date.now()}-${messageId.replace(/[^A-Za-z0-9.@-]/g, "_")}.eml`), raw);
            }
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    attempts,
    heldCount: () => held,
    to: (address) => received.filter((m) => m.to.includes(address.toLowerCase())),
    async waitFor(predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline)
          throw new Error(`SMTP: the expected messages did not arrive within ${timeoutMs} ms (have ${received.length})`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return received;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
