import { describe, expect, it } from "vitest";
import { describeDevice } from "../shared/devices.ts";
import { allows } from "./access.ts";
import { AREAS, areaOfPath } from "./areas.ts";
import { loginPathFor, safeNext } from "./navigation.ts";

describe("login redirects", () => {
  it("remembers the page the user wanted", () => {
    expect(loginPathFor("/settings/users", "?q=li")).toBe("/login?next=%2Fsettings%2Fusers%3Fq%3Dli");
    expect(loginPathFor("/", "")).toBe("/login");
    expect(loginPathFor("/login", "?next=%2Faudit")).toBe("/login");
  });

  it("returns only to pages of this app", () => {
    expect(safeNext("/audit?entity=user")).toBe("/audit?entity=user");
    expect(safeNext(null)).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext("//evil.example/x")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    expect(safeNext("/login?next=/")).toBe("/");
  });
});

describe("areas", () => {
  it("finds the area of nested paths", () => {
    expect(areaOfPath("/settings/users/123")?.key).toBe("users");
    expect(areaOfPath("/")?.key).toBe("home");
    expect(areaOfPath("/nowhere")).toBeUndefined();
  });

  it("offers a sales rep its customers and its own account pages, not the settings", () => {
    const salesRep = { permissions: ["customers.read", "customers.create"] as const };
    const open = AREAS.filter((area) => allows({ permissions: [...salesRep.permissions] }, area.requires));
    expect(open.map((area) => area.key)).toEqual([
      "home",
      "myDay",
      "customers",
      "pool",
      "password",
      "sessions",
      "tokens",
    ]);
  });

  it("puts customer pages under the customers area, the pool under its own", () => {
    expect(areaOfPath("/customers/board")?.key).toBe("customers");
    expect(areaOfPath("/customers/0190abcd")?.key).toBe("customers");
    expect(areaOfPath("/customers/pool")?.key).toBe("pool");
    expect(areaOfPath("/settings/pool")?.key).toBe("poolSettings");
    expect(areaOfPath("/customers/import")?.key).toBe("import");
    expect(areaOfPath("/customers/import/0190abcd")?.key).toBe("import");
  });
});

describe("session devices", () => {
  it("names browsers and systems", () => {
    expect(
      describeDevice(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
      ),
    ).toBe("Chrome · Windows");
    expect(describeDevice("curl/8.5.0")).toBe("curl/8.5.0");
    expect(describeDevice(null)).toBeNull();
  });
});
