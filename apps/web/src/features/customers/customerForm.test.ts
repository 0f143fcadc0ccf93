/** The customer form: typed values to the API shape, server messages to the right field, duplicate-check input. */
import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import {
  AUTO_GRADE,
  contactsOf,
  createInputOf,
  duplicateInputOf,
  formFieldOf,
  formValuesOf,
  isInternationalPhone,
  isWebsite,
  splitPhones,
} from "./customerForm.ts";

describe("the customer form", () => {
  it("turns typed values into the API's shape", () => {
    const values = {
      ...formValuesOf(undefined, "me"),
      companyName: "  ACME Trading Co., Ltd. ",
      localName: "",
      country: "DE",
      creditAmount: "12,345.6",
      creditCurrency: "USD",
      grade: "B" as const,
      nextActionDate: dayjs("2026-03-08"),
      contacts: [
        {
          name: "Anna",
          emailsText: "anna@acme.de; sales@acme.de",
          phonesText: "+49 30 1234567, +49 171 5550000",
        },
        { name: "", emailsText: "", phonesText: "" },
      ],
    };
    const input = createInputOf(values);
    expect(input.companyName).toBe("ACME Trading Co., Ltd.");
    expect(input.localName).toBeNull();
    expect(input.creditLimit).toEqual({ minor: 1234560, currency: "USD" });
    expect(input.grade).toBe("B");
    expect(input.nextActionDate).toBe("2026-03-08");
    expect(input.ownerId).toBe("me");
    expect(input.contacts).toHaveLength(1);
    expect(input.contacts[0]?.emails).toEqual(["anna@acme.de", "sales@acme.de"]);
    expect(input.contacts[0]?.phones).toEqual(["+49 30 1234567", "+49 171 5550000"]);
    expect(createInputOf({ ...values, grade: AUTO_GRADE }).grade).toBeNull();
  });

  it("keeps one primary contact and the ids of existing ones", () => {
    const contacts = contactsOf([
      { id: "c1", name: "A", primary: true },
      { name: "B", primary: true },
    ]);
    expect(contacts.map((c) => [c.id, c.primary])).toEqual([
      ["c1", true],
      [undefined, false],
    ]);
  });

  it("puts the server's messages on the field that shows the value", () => {
    expect(formFieldOf(["contacts", 0, "phones", 1])).toEqual(["contacts", 0, "phonesText"]);
    expect(formFieldOf(["contacts", 2, "name"])).toEqual(["contacts", 2, "name"]);
    expect(formFieldOf(["creditLimit", "minor"])).toEqual(["creditAmount"]);
    expect(formFieldOf(["companyName"])).toEqual(["companyName"]);
    expect(formFieldOf(["duplicateReason"])).toBeNull();
  });

  it("checks phones in international form and splits them without breaking inner spaces", () => {
    expect(splitPhones("+49 30 1234567；+86 574 8888 6666")).toEqual(["+49 30 1234567", "+86 574 8888 6666"]);
    expect(isInternationalPhone("+49 30 1234567")).toBe(true);
    expect(isInternationalPhone("030 1234567")).toBe(false);
  });

  it("accepts websites as the server does", () => {
    expect(isWebsite("www.acme-trading.de")).toBe(true);
    expect(isWebsite("https://acme.de/en")).toBe(true);
    expect(isWebsite("not a web address")).toBe(false);
  });

  it("asks the duplicate check only when there is enough to go on", () => {
    expect(duplicateInputOf({ companyName: "A", contacts: [] })).toBeNull();
    expect(
      duplicateInputOf({ companyName: "", contacts: [{ emailsText: "anna@acme.de, anna@" }] }, "x")?.emails,
    ).toEqual(["anna@acme.de"]);
    expect(duplicateInputOf({ companyName: "Acme Trading", contacts: [] }, "id-1")?.excludeId).toBe("id-1");
  });
});
