/**
 * The customer spreadsheet Tradewind writes: its columns with Chinese and English headers (the
 * same names the importer recognises, so an export imports back as it is), and the values of
 * classifications in either language.
 */
import { z } from "zod";
import { customerListQuery } from "./customers.ts";
import { LOCALES } from "./org.ts";

export const EXPORT_COLUMNS = [
  "companyName",
  "localName",
  "country",
  "address",
  "website",
  "industry",
  "source",
  "tags",
  "owner",
  "keyAccount",
  "dealStatus",
  "importance",
  "demand",
  "grade",
  "urgency",
  "expectedCloseDate",
  "nextActionDate",
  "nextAction",
  "creditLimit",
  "creditCurrency",
  "creditStatus",
  "notes",
  "contactName",
  "contactTitle",
  "contactEmail",
  "contactPhone",
  "contactMobile",
  "whatsapp",
  "wechat",
  "skype",
  "linkedin",
  "lastFollowUpAt",
  "createdAt",
  "updatedAt",
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export const EXPORT_HEADERS: Record<ExportColumn, { zh: string; en: string }> = {
  companyName: { zh: "公司名称", en: "Company name" },
  localName: { zh: "中文名称", en: "Chinese name" },
  country: { zh: "国家", en: "Country" },
  address: { zh: "地址", en: "Address" },
  website: { zh: "网址", en: "Website" },
  industry: { zh: "行业", en: "Industry" },
  source: { zh: "来源", en: "Source" },
  tags: { zh: "标签", en: "Tags" },
  owner: { zh: "业务员", en: "Owner" },
  keyAccount: { zh: "重要客户", en: "Key account" },
  dealStatus: { zh: "成交状态", en: "Deal status" },
  importance: { zh: "重要程度", en: "Importance" },
  demand: { zh: "需求程度", en: "Demand" },
  grade: { zh: "客户等级", en: "Grade" },
  urgency: { zh: "紧急程度", en: "Urgency" },
  expectedCloseDate: { zh: "预计成交日期", en: "Expected close date" },
  nextActionDate: { zh: "下次跟进日期", en: "Next follow-up date" },
  nextAction: { zh: "下次跟进内容", en: "Next action" },
  creditLimit: { zh: "信用额度", en: "Credit limit" },
  creditCurrency: { zh: "币种", en: "Currency" },
  creditStatus: { zh: "信用状况", en: "Credit status" },
  notes: { zh: "备注", en: "Notes" },
  contactName: { zh: "联系人", en: "Contact" },
  contactTitle: { zh: "职位", en: "Title" },
  contactEmail: { zh: "邮箱", en: "E-mail" },
  contactPhone: { zh: "电话", en: "Phone" },
  contactMobile: { zh: "手机", en: "Mobile" },
  whatsapp: { zh: "WhatsApp", en: "WhatsApp" },
  wechat: { zh: "微信", en: "WeChat" },
  skype: { zh: "Skype", en: "Skype" },
  linkedin: { zh: "领英", en: "LinkedIn" },
  lastFollowUpAt: { zh: "最近跟进", en: "Last follow-up" },
  createdAt: { zh: "创建时间", en: "Created" },
  updatedAt: { zh: "更新时间", en: "Updated" },
};

/** Columns an export writes that say something derived: an import reads past them (not into notes). */
export const DERIVED_EXPORT_COLUMNS: readonly ExportColumn[] = [
  "urgency",
  "lastFollowUpAt",
  "createdAt",
  "updatedAt",
];

/** Classification values as the spreadsheet shows them; the importer reads both languages. */
export const VALUE_LABELS: Record<string, Record<string, { zh: string; en: string }>> = {
  source: {
    trade_show: { zh: "展会", en: "Trade show" },
    customs_data: { zh: "海关数据", en: "Customs data" },
    b2b_platform: { zh: "B端平台", en: "B2B platform" },
    search_engine: { zh: "搜索引擎", en: "Search engine" },
    social_platform: { zh: "社交平台", en: "Social platform" },
    mobile_social: { zh: "移动社交", en: "Mobile social" },
    referral: { zh: "转介绍", en: "Referral" },
    other: { zh: "其他", en: "Other" },
  },
  dealStatus: {
    closed: { zh: "已成交", en: "Closed" },
    negotiating: { zh: "正在谈判", en: "Negotiating" },
    potential: { zh: "潜在", en: "Potential" },
  },
  demand: {
    target: { zh: "目标客户", en: "Target" },
    potential: { zh: "潜在客户", en: "Potential" },
    dead: { zh: "死亡客户", en: "Dead" },
  },
  urgency: {
    urgent: { zh: "紧急", en: "Urgent" },
    moderate: { zh: "缓急", en: "Moderate" },
    not_urgent: { zh: "不紧急", en: "Not urgent" },
    slow: { zh: "可慢反应", en: "Slow" },
  },
  creditStatus: {
    good: { zh: "良好", en: "Good" },
    watch: { zh: "关注", en: "Watch" },
    hold: { zh: "冻结", en: "Hold" },
  },
  keyAccount: {
    true: { zh: "是", en: "Yes" },
    false: { zh: "否", en: "No" },
  },
};

export const exportRequest = z.object({
  filters: customerListQuery
    .omit({ limit: true, cursor: true, withTotal: true })
    .default({ sort: "-updatedAt" }),
  columns: z
    .array(z.enum(EXPORT_COLUMNS))
    .min(1)
    .max(EXPORT_COLUMNS.length)
    .default([...EXPORT_COLUMNS]),
  /** "primary": the primary contact as columns; "all": every contact on a second sheet too. */
  contacts: z.enum(["primary", "all"]).default("primary"),
  locale: z.enum(LOCALES).default("zh-CN"),
});
export type ExportRequest = z.infer<typeof exportRequest>;

export const exportStatus = z.object({
  id: z.string(),
  status: z.enum(["queued", "running", "done", "failed"]),
  rowsTotal: z.number().int(),
  rowsDone: z.number().int(),
  fileName: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ExportStatus = z.infer<typeof exportStatus>;
