/** Between customer rows and the API's customer objects, and the fields derived on every save. */
import {
  type Contact,
  type ContactInput,
  type CreditStatus,
  type Customer,
  type CustomerCreate,
  type CustomerSource,
  type DealStatus,
  type Demand,
  type Grade,
  type Importance,
  type SearchSource,
  searchText,
  searchTokensOf,
  suggestGrade,
  type Urgency,
  urgencyFor,
} from "@tradewind/domain";
import type { ContactsTable, CustomersTable } from "../../db/schema.ts";
import { newId } from "../../ids.ts";
import type { CustomerView } from "./customers.repository.ts";

export type CustomerRow = CustomersTable & { ownerName: string | null };

export function toContact(row: ContactsTable): Contact {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    emails: JSON.parse(row.emails) as string[],
    phones: JSON.parse(row.phones) as string[],
    whatsapp: row.whatsapp,
    wechat: row.wechat,
    skype: row.skype,
    linkedin: row.linkedin,
    primary: row.isPrimary === 1,
  };
}

export function toCustomer(row: CustomerView, contacts: ContactsTable[]): Customer {
  return {
    id: row.id,
    companyName: row.companyName,
    localName: row.localName,
    country: row.country,
    address: row.address,
    website: row.website,
    industry: row.industry,
    source: row.source as CustomerSource,
    sourceDetail: row.sourceDetail,
    tags: JSON.parse(row.tags) as string[],
    creditLimit:
      row.creditLimitMinor !== null && row.creditCurrency
        ? { minor: Number(row.creditLimitMinor), currency: row.creditCurrency }
        : null,
    creditStatus: row.creditStatus as CreditStatus,
    notes: row.notes,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    keyAccount: row.keyAccount === 1,
    keyAccountOwnerId: row.keyAccountOwnerId,
    timeZone: row.timeZone,
    dealStatus: row.dealStatus as DealStatus,
    importance: row.importance as Importance | null,
    urgency: row.urgency as Urgency | null,
    demand: row.demand as Demand,
    grade: row.grade as Grade | null,
    suggestedGrade: row.suggestedGrade as Grade | null,
    gradeOverridden: row.gradeOverridden === 1,
    expectedCloseDate: row.expectedCloseDate,
    nextActionDate: row.nextActionDate,
    nextAction: row.nextAction,
    lastFollowUpAt: row.lastFollowUpAt,
    pooledAt: row.pooledAt,
    contacts: contacts.map(toContact),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** Contact rows from input: ids kept where given, exactly one primary (the first, if none was chosen). */
export function contactRows(
  customerId: string,
  inputs: ContactInput[],
  now: string,
  existing: ContactsTable[] = [],
): ContactsTable[] {
  const primaryIndex = Math.max(
    0,
    inputs.findIndex((c) => c.primary),
  );
  const known = new Set(existing.map((c) => c.id));
  return inputs.map((input, position) => ({
    id: input.id && known.has(input.id) ? input.id : newId(),
    customerId,
    name: input.name,
    title: input.title,
    emails: JSON.stringify([...new Set(input.emails)]),
    phones: JSON.stringify([...new Set(input.phones)]),
    whatsapp: input.whatsapp,
    wechat: input.wechat,
    skype: input.skype,
    linkedin: input.linkedin,
    isPrimary: position === primaryIndex ? 1 : 0,
    position,
    createdAt: existing.find((c) => c.id === input.id)?.createdAt ?? now,
    updatedAt: now,
  }));
}

export interface Classified {
  urgency: Urgency | null;
  suggestedGrade: Grade | null;
  grade: Grade | null;
  gradeOverridden: number;
}

/**
 * R-CLS-3 and R-GRADE-1 on save: urgency from the next-action date; the suggested grade from demand
 * and close date. A grade chosen by hand that differs from the suggestion is an override and
 * stays; otherwise the grade follows the suggestion (and keeps its value when there is none).
 */
export function classify(
  fields: { demand: Demand; expectedCloseDate: string | null; nextActionDate: string | null },
  current: { grade: Grade | null; gradeOverridden: boolean },
  chosenGrade: Grade | null | undefined,
  today: string,
): Classified {
  const suggested = suggestGrade(fields.demand, fields.expectedCloseDate, today);
  const urgency = urgencyFor(fields.nextActionDate, today);
  if (chosenGrade !== undefined && chosenGrade !== null) {
    const overridden = suggested !== null && chosenGrade !== suggested;
    return { urgency, suggestedGrade: suggested, grade: chosenGrade, gradeOverridden: overridden ? 1 : 0 };
  }
  if (current.gradeOverridden && chosenGrade === undefined) {
    return { urgency, suggestedGrade: suggested, grade: current.grade, gradeOverridden: 1 };
  }
  return { urgency, suggestedGrade: suggested, grade: suggested ?? current.grade, gradeOverridden: 0 };
}

export function searchFields(
  customer: { companyName: string; localName: string | null; website: string | null },
  contacts: ContactsTable[],
) {
  const source = {
    companyName: customer.companyName,
    localName: customer.localName,
    website: customer.website,
    contacts: contacts.map((c) => ({
      name: c.name,
      emails: JSON.parse(c.emails) as string[],
      phones: JSON.parse(c.phones) as string[],
    })),
  };
  return searchFieldsOf(source);
}

function searchFieldsOf(source: SearchSource) {
  const text = searchText(source);
  return { searchText: text, searchTokens: searchTokensOf(text) };
}

/** The customer as the audit log and the timeline show it: business fields, not search helpers. */
export function auditView(customer: Customer): Record<string, unknown> {
  const {
    createdAt: _c,
    updatedAt: _u,
    version: _v,
    ownerName: _o,
    urgency: _urgency,
    suggestedGrade: _s,
    ...rest
  } = customer;
  return { ...rest, contacts: customer.contacts.map(({ id: _id, ...contact }) => contact) };
}

export interface NewCustomerContext {
  id: string;
  ownerId: string;
  now: string;
  today: string;
  createdBy: string;
  importId: string | null;
}

/** The row of a new customer, with its derived fields: classification, search text, tags. */
export function newCustomerRow(input: CustomerCreate, context: NewCustomerContext) {
  const classified = classify(input, { grade: null, gradeOverridden: false }, input.grade, context.today);
  const tags = [...new Set(input.tags)];
  const row: CustomersTable = {
    id: context.id,
    companyName: input.companyName,
    localName: input.localName,
    country: input.country,
    address: input.address,
    website: input.website,
    industry: input.industry,
    source: input.source,
    sourceDetail: input.sourceDetail,
    tags: JSON.stringify(tags),
    creditLimitMinor: input.creditLimit?.minor ?? null,
    creditCurrency: input.creditLimit?.currency ?? null,
    creditStatus: input.creditStatus,
    notes: input.notes,
    ownerId: context.ownerId,
    keyAccount: input.keyAccount ? 1 : 0,
    keyAccountOwnerId: input.keyAccount ? input.keyAccountOwnerId : null,
    timeZone: input.timeZone,
    dealStatus: input.dealStatus,
    importance: input.importance,
    demand: input.demand,
    ...classified,
    expectedCloseDate: input.expectedCloseDate,
    nextActionDate: input.nextActionDate,
    nextAction: input.nextAction,
    lastFollowUpAt: null,
    lastTouchedAt: context.now,
    pooledAt: null,
    poolWarnedAt: null,
    // The input's contacts are what the rows were made from: no need to parse them back.
    ...searchFieldsOf(input),
    createdBy: context.createdBy,
    importId: context.importId,
    createdAt: context.now,
    updatedAt: context.now,
    version: 1,
  };
  return { row, tags };
}
