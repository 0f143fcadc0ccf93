/**
 * Hostile and broken files: each gets a clear error, nothing is written, and the server stays up
 * and keeps answering other requests.
 */
import XLSX from "@e965/xlsx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upload, workbookBytes } from "../../test/files.ts";
import { type Caller, createTestContext, engine, type TestContext } from "../../test/harness.ts";
import { call } from "../../test/http.ts";

function smallXlsx(): Uint8Array {
  return workbookBytes(
    [
      ["Company", "Country"],
      ["Fine Ltd", "DE"],
    ],
    "xlsx",
  );
}

/** Finds the zip's end-of-central-directory record and its first central directory entry. */
function zipOffsets(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  return { view, end, directory: view.getUint32(end + 16, true) };
}

describe(`hostile import files (${engine})`, () => {
  let t: TestContext;
  let rep: Caller;
  beforeAll(async () => {
    t = await createTestContext({ imports: { maxFileBytes: 1024 * 1024, maxRows: 100 } });
    rep = await t.as("sales2");
  });
  afterAll(() => t.close());

  async function stillServing() {
    expect((await call(t.app, null, "GET", "/api/health")).statusCode).toBe(200);
    expect((await call(t.app, rep, "GET", "/api/customers?limit=1")).statusCode).toBe(200);
    const written = await t.database.db.selectFrom("customers").select("id").execute();
    expect(written).toEqual([]);
  }

  async function rejected(fileName: string, bytes: Uint8Array, status: number, message: RegExp) {
    const res = await upload(t.app, rep, fileName, bytes);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.message).toMatch(message);
    await stillServing();
  }

  it("an encrypted workbook is refused with what to do", async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, "/EncryptionInfo", new Uint8Array(200).fill(1));
    XLSX.CFB.utils.cfb_add(cfb, "/EncryptedPackage", new Uint8Array(300).fill(2));
    await rejected(
      "secret.xlsx",
      new Uint8Array(XLSX.CFB.write(cfb, { type: "array" }) as number[]),
      400,
      /password/,
    );
  });

  it("damaged files are refused: truncated zip, random bytes, text pretending to be .xls", async () => {
    const good = smallXlsx();
    await rejected("truncated.xlsx", good.slice(0, Math.floor(good.length / 2)), 400, /damaged/);
    await rejected(
      "random.xlsx",
      new Uint8Array(4096).map((_, i) => (i * 7919) % 251),
      400,
      /not a real \.xlsx/,
    );
    await rejected(
      "fake.xls",
      new TextEncoder().encode("Attachment not found!"),
      400,
      /damaged|not an Excel workbook/,
    );
    await rejected("notes.pdf", new TextEncoder().encode("%PDF-1.4"), 400, /cannot be imported/);
  });

  it("a zip bomb is refused before anything is unpacked: by claimed size and by entry count", async () => {
    const bomb = smallXlsx().slice();
    const { view, directory } = zipOffsets(bomb);
    view.setUint32(directory + 24, 0x7fff_ffff, true);
    await rejected("bomb.xlsx", bomb, 413, /unpacks to more data/);
    const crowded = smallXlsx().slice();
    const offsets = zipOffsets(crowded);
    offsets.view.setUint16(offsets.end + 10, 60_000, true);
    await rejected("crowded.xlsx", crowded, 413, /parts/);
  });

  it("an upload over the size limit gets 413 before its body is read", async () => {
    const big = new Uint8Array(2 * 1024 * 1024).fill(65);
    await rejected("big.csv", big, 413, /larger than 1 MB/);
  });

  it("a sheet with more rows than allowed is refused", async () => {
    const lines = ["Company,Country", ...Array.from({ length: 150 }, (_, i) => `Row ${i} Ltd,DE`)].join("\n");
    await rejected("long.csv", new TextEncoder().encode(lines), 413, /at most 100/);
  });

  it("a reader that takes too long is killed, and the server answers on", async () => {
    const slow = await createTestContext({ imports: { readTimeoutMs: 1 } });
    try {
      const res = await upload(slow.app, await slow.as("sales2"), "fine.xlsx", smallXlsx());
      expect(res.statusCode).toBe(413);
      expect(res.json().error.message).toMatch(/took too long/);
      expect((await call(slow.app, null, "GET", "/api/health")).statusCode).toBe(200);
    } finally {
      await slow.close();
    }
  });

  it("a crafted __proto__ column pollutes nothing", async () => {
    const csv =
      '__proto__,constructor,prototype,公司名称,国家\n"{""polluted"":true}",x,y,Proto Test Ltd,DE\n';
    const res = await upload(t.app, rep, "proto.csv", new TextEncoder().encode(csv));
    expect(res.statusCode, res.body).toBe(201);
    const preview = res.json();
    expect(preview.sample[0]).toMatchObject({ companyName: "Proto Test Ltd" });
    const template = await call(t.app, rep, "POST", "/api/import-templates", {
      name: "proto",
      headers: preview.headers,
      mapping: preview.settings.mapping,
    });
    expect(template.statusCode).toBe(201);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, "polluted")).toBe(false);
    expect(Object.keys(template.json().mapping)).not.toContain("__proto__");
    await call(t.app, rep, "POST", `/api/imports/${preview.id}/cancel`);
    expect((await call(t.app, null, "GET", "/api/health")).statusCode).toBe(200);
  });
});
