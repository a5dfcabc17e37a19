import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { startSmtpServer } from "./smtp.js";

describe("the test SMTP server", () => {
  it("keeps a connection reset in the middle of a message as an error, and goes on receiving", async () => {
    const smtp = await startSmtpServer();
    try {
      const socket = connect(smtp.port, "127.0.0.1");
      socket.on("error", () => {});
      const replies: string[] = [];
      socket.on("data", (chunk: Buffer) => replies.push(chunk.toString()));
      const reply = async (code: string) => {
        for (let i = 0; i < 250 && !replies.join("").includes(code); i++) {
          await new Promise((r) => setTimeout(r, 20));
        }
        replies.length = 0;
      };
      await reply("220");
      socket.write("EHLO sender\r\n");
      await reply("250");
      socket.write("MAIL FROM:<ban-tin@example.org>\r\n");
      await reply("250");
      socket.write("RCPT TO:<nguoi.doc@example.org>\r\n");
      await reply("250");
      socket.write("DATA\r\n");
      await reply("354");
      await new Promise((r) => socket.write("Subject: half\r\n\r\nhalf a mess", r));
      await new Promise((r) => setTimeout(r, 100));
      // As a killed process's socket: a reset, not a goodbye.
      socket.resetAndDestroy();
      for (let i = 0; i < 250 && smtp.errors.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(smtp.errors.map((e) => (e as NodeJS.ErrnoException).code)).toContain("ECONNRESET");
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });
});
