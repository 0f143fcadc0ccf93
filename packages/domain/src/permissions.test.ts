import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BUILTIN_ROLE_KEYS,
  BUILTIN_ROLES,
  DATA_SCOPES,
  PERMISSIONS,
  scopeCovers,
  widestScope,
} from "./permissions.ts";

describe("roles and scopes (R-ORG-3, R-ORG-4)", () => {
  it("R-ORG-3: ships every role the department needs", () => {
    expect(BUILTIN_ROLES.map((r) => r.key)).toEqual([...BUILTIN_ROLE_KEYS]);
    for (const key of [
      "admin",
      "general_manager",
      "department_head",
      "zone_lead",
      "sales_rep",
      "merchandiser",
      "purchaser",
      "order_admin",
      "after_sales",
      "ar_accountant",
      "viewer",
    ]) {
      expect(BUILTIN_ROLE_KEYS).toContain(key);
    }
  });

  it("R-ORG-4: a sales rep sees only its own customers; the GM sees all", () => {
    expect(BUILTIN_ROLES.find((r) => r.key === "sales_rep")!.dataScope).toBe("own");
    expect(BUILTIN_ROLES.find((r) => r.key === "general_manager")!.dataScope).toBe("all");
  });

  it("R-CUST-3: exporting customers is a separate permission a sales rep does not hold", () => {
    expect(BUILTIN_ROLES.find((r) => r.key === "sales_rep")!.permissions).not.toContain("customers.export");
  });

  it("R-ORG-4: the widest scope covers every scope it was chosen from, and 'own' when there is none", () => {
    expect(widestScope([])).toBe("own");
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...DATA_SCOPES)), (scopes) => {
        const widest = widestScope(scopes);
        for (const scope of scopes) expect(scopeCovers(widest, scope)).toBe(true);
        if (scopes.length > 0) expect(scopes).toContain(widest);
      }),
    );
  });

  it("only the admin holds every permission", () => {
    const everything = BUILTIN_ROLES.filter((r) => PERMISSIONS.every((p) => r.permissions.includes(p)));
    expect(everything.map((r) => r.key)).toEqual(["admin"]);
  });
});
