/**
 * Demo customers: about 200 importers in 30 countries with contacts, follow-ups and every grade
 * and classification, spread over the three sales reps, a few key accounts and a few in the
 * public pool, so every customer screen shows something real on first start. Deterministic.
 */
import {
  addDays,
  type ContactInput,
  CUSTOMER_SOURCES,
  customerCreate,
  DEAL_STATUSES,
  FOLLOW_UP_CHANNELS,
  type Grade,
  todayIn,
} from "@tradewind/domain";
import type { AuthUser } from "../access/identity.ts";
import type { Services } from "../services.ts";

interface Market {
  country: string;
  city: string;
  phonePrefix: string;
  domain: string;
  people: [first: string, last: string][];
  companies: string[];
  /** Chinese names of the companies (by position), for the Chinese-run importers among them. */
  localNames?: string[];
}

const MARKETS: Market[] = [
  {
    country: "US",
    city: "Los Angeles, CA",
    phonePrefix: "+1 213 555",
    domain: "com",
    people: [
      ["Michael", "Johnson"],
      ["Sarah", "Miller"],
      ["David", "Brown"],
    ],
    companies: [
      "Pacific Home Goods Inc.",
      "Lone Star Hardware LLC",
      "Great Lakes Outdoor Supply",
      "Sunbelt Kitchenware Corp.",
      "Hudson Valley Textiles Inc.",
      "Bayview Lighting LLC",
      "Rocky Mountain Tools Co.",
    ],
  },
  {
    country: "CA",
    city: "Toronto, ON",
    phonePrefix: "+1 416 555",
    domain: "ca",
    people: [
      ["Emily", "Tremblay"],
      ["Liam", "Roy"],
    ],
    companies: ["Maple Leaf Housewares Ltd.", "Northern Star Sporting Goods", "Laurentian Packaging Inc."],
  },
  {
    country: "MX",
    city: "Monterrey, NL",
    phonePrefix: "+52 81 5555",
    domain: "com.mx",
    people: [
      ["Alejandro", "García"],
      ["Lucía", "Hernández"],
    ],
    companies: [
      "Importadora del Norte S.A. de C.V.",
      "Ferretería Regiomontana S.A.",
      "Textiles Aztecas S.A. de C.V.",
    ],
  },
  {
    country: "BR",
    city: "São Paulo, SP",
    phonePrefix: "+55 11 5555",
    domain: "com.br",
    people: [
      ["João", "Silva"],
      ["Ana", "Souza"],
    ],
    companies: [
      "Comercial Paulista de Utilidades Ltda.",
      "Distribuidora Atlântico Ltda.",
      "Brasil Ferramentas S.A.",
    ],
  },
  {
    country: "CL",
    city: "Santiago",
    phonePrefix: "+56 2 2555",
    domain: "cl",
    people: [["Matías", "González"]],
    companies: ["Importadora Andina SpA", "Comercial Valparaíso Ltda."],
  },
  {
    country: "GB",
    city: "Manchester",
    phonePrefix: "+44 161 555",
    domain: "co.uk",
    people: [
      ["Oliver", "Smith"],
      ["Charlotte", "Jones"],
      ["Harry", "Taylor"],
    ],
    companies: [
      "Britannia Homewares Ltd",
      "Pennine Garden Supplies Ltd",
      "Thames Valley Trading Ltd",
      "Mersey Electrical Wholesale Ltd",
    ],
  },
  {
    country: "IE",
    city: "Dublin",
    phonePrefix: "+353 1 555",
    domain: "ie",
    people: [["Seán", "Murphy"]],
    companies: ["Liffey Imports Ltd", "Emerald Home Supplies Ltd"],
  },
  {
    country: "DE",
    city: "Hamburg",
    phonePrefix: "+49 40 555",
    domain: "de",
    people: [
      ["Lukas", "Müller"],
      ["Anna", "Schmidt"],
      ["Jonas", "Weber"],
    ],
    companies: [
      "Hanse Handelskontor GmbH",
      "Rheinland Werkzeug GmbH",
      "Bayerische Haushaltswaren AG",
      "Nordsee Import KG",
      "Schwarzwald Leuchten GmbH",
      "Elbe Textil GmbH & Co. KG",
    ],
  },
  {
    country: "FR",
    city: "Lyon",
    phonePrefix: "+33 4 7255",
    domain: "fr",
    people: [
      ["Camille", "Martin"],
      ["Louis", "Bernard"],
    ],
    companies: [
      "Maison Rhône Distribution SARL",
      "Atelier Provence Import SAS",
      "Bricolage de l'Ouest SA",
      "Lumières de Paris SARL",
    ],
  },
  {
    country: "IT",
    city: "Milano",
    phonePrefix: "+39 02 555",
    domain: "it",
    people: [
      ["Giulia", "Rossi"],
      ["Marco", "Bianchi"],
    ],
    companies: [
      "Casa Lombarda S.r.l.",
      "Ferramenta Veneta S.p.A.",
      "Tessuti Toscani S.r.l.",
      "Illuminazione Milano S.r.l.",
    ],
  },
  {
    country: "ES",
    city: "Valencia",
    phonePrefix: "+34 96 555",
    domain: "es",
    people: [
      ["Pablo", "Fernández"],
      ["María", "López"],
    ],
    companies: ["Importaciones Levante S.L.", "Hogar Ibérico S.A.", "Suministros Mediterráneo S.L."],
  },
  {
    country: "PT",
    city: "Porto",
    phonePrefix: "+351 22 555",
    domain: "pt",
    people: [["Tiago", "Ferreira"]],
    companies: ["Casa Douro Importação Lda.", "Ferragens do Norte Lda."],
  },
  {
    country: "NL",
    city: "Rotterdam",
    phonePrefix: "+31 10 555",
    domain: "nl",
    people: [
      ["Daan", "de Vries"],
      ["Sanne", "Jansen"],
    ],
    companies: ["Maas Trading B.V.", "Holland Garden Supplies B.V.", "Delta Verlichting B.V."],
  },
  {
    country: "BE",
    city: "Antwerpen",
    phonePrefix: "+32 3 555",
    domain: "be",
    people: [["Lotte", "Peeters"]],
    companies: ["Schelde Import NV", "Brabant Huishoud BV"],
  },
  {
    country: "PL",
    city: "Gdańsk",
    phonePrefix: "+48 58 555",
    domain: "pl",
    people: [
      ["Katarzyna", "Kowalska"],
      ["Piotr", "Nowak"],
    ],
    companies: ["Bałtyk Import Sp. z o.o.", "Dom i Ogród Polska Sp. z o.o.", "Narzędzia Pomorze S.A."],
  },
  {
    country: "CZ",
    city: "Praha",
    phonePrefix: "+420 2 555",
    domain: "cz",
    people: [["Jan", "Novák"]],
    companies: ["Vltava Obchod s.r.o.", "Česká Domácnost a.s."],
  },
  {
    country: "SE",
    city: "Göteborg",
    phonePrefix: "+46 31 555",
    domain: "se",
    people: [["Erik", "Andersson"]],
    companies: ["Nordisk Hem AB", "Västkust Verktyg AB"],
  },
  {
    country: "RU",
    city: "Москва",
    phonePrefix: "+7 495 555",
    domain: "ru",
    people: [
      ["Алексей", "Иванов"],
      ["Ольга", "Смирнова"],
    ],
    companies: ["ООО «Восток Импорт»", "ООО «Домашний Уют»", "АО «Сибирь Инструмент»"],
  },
  {
    country: "TR",
    city: "İstanbul",
    phonePrefix: "+90 212 555",
    domain: "com.tr",
    people: [
      ["Mehmet", "Yılmaz"],
      ["Ayşe", "Kaya"],
    ],
    companies: ["Boğaziçi Dış Ticaret A.Ş.", "Anadolu Ev Gereçleri Ltd. Şti.", "Marmara Hırdavat A.Ş."],
  },
  {
    country: "AE",
    city: "Dubai",
    phonePrefix: "+971 4 555",
    domain: "ae",
    people: [
      ["Ahmed", "Al Mansouri"],
      ["Fatima", "Al Hashimi"],
    ],
    companies: [
      "Gulf Star General Trading LLC",
      "Jebel Ali Building Materials FZE",
      "Al Noor Household Trading LLC",
    ],
  },
  {
    country: "SA",
    city: "Jeddah",
    phonePrefix: "+966 12 555",
    domain: "sa",
    people: [["Khalid", "Al Saud"]],
    companies: ["Red Sea Trading Est.", "Al Madina Hardware Co."],
  },
  {
    country: "EG",
    city: "Alexandria",
    phonePrefix: "+20 3 555",
    domain: "com.eg",
    people: [["Omar", "Hassan"]],
    companies: ["Nile Delta Import & Export", "Alexandria Home Supplies Co."],
  },
  {
    country: "NG",
    city: "Lagos",
    phonePrefix: "+234 1 555",
    domain: "com.ng",
    people: [
      ["Chinedu", "Okafor"],
      ["Ngozi", "Adeyemi"],
    ],
    companies: ["Lagos Harbour Merchants Ltd", "Eko Building Supplies Ltd", "Niger Delta Trading Co."],
  },
  {
    country: "ZA",
    city: "Durban",
    phonePrefix: "+27 31 555",
    domain: "co.za",
    people: [["Thabo", "Nkosi"]],
    companies: ["Natal Coast Distributors (Pty) Ltd", "Highveld Hardware (Pty) Ltd"],
  },
  {
    country: "KE",
    city: "Mombasa",
    phonePrefix: "+254 41 555",
    domain: "co.ke",
    people: [["Wanjiru", "Kamau"]],
    companies: ["Coast Imports Kenya Ltd", "Savannah Home Goods Ltd"],
  },
  {
    country: "IN",
    city: "Mumbai",
    phonePrefix: "+91 22 5555",
    domain: "in",
    people: [
      ["Rahul", "Sharma"],
      ["Priya", "Patel"],
    ],
    companies: ["Bombay Traders Pvt. Ltd.", "Deccan Hardware Pvt. Ltd.", "Ganges Home Products Pvt. Ltd."],
  },
  {
    country: "JP",
    city: "大阪",
    phonePrefix: "+81 6 5555",
    domain: "co.jp",
    people: [
      ["健太", "佐藤"],
      ["美咲", "鈴木"],
    ],
    companies: ["株式会社浪速商事", "大和ホームグッズ株式会社", "関西工具株式会社"],
  },
  {
    country: "KR",
    city: "부산",
    phonePrefix: "+82 51 555",
    domain: "co.kr",
    people: [
      ["민준", "김"],
      ["서연", "이"],
    ],
    companies: ["부산무역 주식회사", "한강생활용품 주식회사"],
  },
  {
    country: "AU",
    city: "Sydney, NSW",
    phonePrefix: "+61 2 5555",
    domain: "com.au",
    people: [
      ["Jack", "Wilson"],
      ["Olivia", "Thompson"],
    ],
    companies: ["Southern Cross Homewares Pty Ltd", "Outback Tools Pty Ltd", "Harbour City Lighting Pty Ltd"],
  },
  {
    country: "HK",
    city: "Kowloon",
    phonePrefix: "+852 2555",
    domain: "com.hk",
    people: [["Wing", "Chan"]],
    companies: ["Victoria Harbour Trading Ltd", "Kowloon Bay Sourcing Ltd"],
    localNames: ["维港贸易有限公司", "九龙湾采购有限公司"],
  },
  {
    country: "SG",
    city: "Singapore",
    phonePrefix: "+65 6555",
    domain: "com.sg",
    people: [["Wei Ling", "Tan"]],
    companies: ["Lion City Supplies Pte Ltd", "Straits Home Trading Pte Ltd"],
    localNames: ["狮城供应私人有限公司", "海峡家居贸易私人有限公司"],
  },
  {
    country: "VN",
    city: "Hồ Chí Minh",
    phonePrefix: "+84 28 555",
    domain: "vn",
    people: [["Nguyễn", "Văn An"]],
    companies: ["Công ty TNHH Sài Gòn Xuất Nhập Khẩu", "Mekong Home Goods JSC"],
  },
];

const INDUSTRIES = [
  "Hardware & tools",
  "Housewares",
  "Lighting",
  "Textiles",
  "Garden",
  "Building materials",
  "Packaging",
  "Sporting goods",
];
const TAGS = [
  "canton-fair",
  "samples-sent",
  "price-sensitive",
  "oem",
  "odm",
  "repeat-buyer",
  "new-2026",
  "amazon-seller",
];
const SUMMARIES = [
  "Sent the new catalogue and the FOB Ningbo price list.",
  "Customer asked for samples of the 3 best sellers; courier booked.",
  "Call about MOQ: they want 500 pcs per colour, we offered 800.",
  "Met at the Canton Fair booth; interested in the OEM line.",
  "Discussed payment terms: T/T 30% deposit, 70% before shipment.",
  "Quoted CIF Hamburg for 1 x 40HQ; waiting for their decision.",
  "Follow-up on the quality complaint from the last shipment; replacement agreed.",
  "WeChat: their buyer confirmed the artwork for the gift boxes.",
  "Visited their warehouse; they plan a second container in Q3.",
  "Price negotiation: they compare with a Vietnamese supplier.",
];

/** A small deterministic random source, so the demo is the same on every machine. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function seedDemoCustomers(
  services: Services,
  reps: { sales1: string; sales2: string; sales3: string; admin: string },
): Promise<number> {
  const next = random(20261126);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const today = todayIn("Asia/Shanghai", services.clock.now());
  const identityOf = async (id: string): Promise<AuthUser> => {
    const row = await services.database.db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return { ...(await services.identity.forUser(row)), via: "session", sessionId: null, csrfToken: null };
  };
  const admin = await identityOf(reps.admin);
  const owners = [reps.sales1, reps.sales2, reps.sales3];
  const grades: (Grade | null)[] = ["A", "B", "C", "D", "E"];
  let created = 0;
  const pool: string[] = [];

  for (const market of MARKETS) {
    for (const [index, companyName] of market.companies.entries()) {
      for (let copy = 0; copy < (market.companies.length < 3 ? 3 : 2); copy++) {
        const name = copy === 0 ? companyName : variantName(companyName, copy);
        const n = created;
        const grade = grades[n % 5]!;
        const demand = grade === "E" ? "dead" : grade === "D" ? "potential" : "target";
        const closeIn = grade === "A" ? 20 : grade === "B" ? 70 : grade === "C" ? 150 : 240;
        const [first, last] = pick(market.people);
        const slug =
          name
            .toLowerCase()
            .normalize("NFKD")
            .replace(/[^a-z0-9]+/g, "")
            .slice(0, 14) || `buyer${n}`;
        const domain = `${slug}.${market.domain}`;
        const contacts: ContactInput[] = [
          {
            name: `${first} ${last}`,
            title: pick(["Purchasing manager", "Buyer", "Owner", "Sourcing director", "Import manager"]),
            emails: [
              `${
                first
                  .toLowerCase()
                  .normalize("NFKD")
                  .replace(/[^a-z]/g, "") || "info"
              }@${domain}`,
            ],
            phones: [`${market.phonePrefix} ${String(1000 + ((n * 37) % 9000))}`],
            whatsapp: next() < 0.5 ? `${market.phonePrefix} ${String(2000 + n)}` : null,
            wechat: next() < 0.2 ? `${slug}_buyer` : null,
            skype: null,
            linkedin: null,
            primary: true,
          },
        ];
        if (next() < 0.6) {
          const [f2, l2] = pick(market.people);
          contacts.push({
            name: `${f2} ${l2}`,
            title: "Quality control",
            emails: [`qc@${domain}`],
            phones: [],
            whatsapp: null,
            wechat: null,
            skype: null,
            linkedin: null,
            primary: false,
          });
        }
        const ownerId = owners[(index + copy + market.country.charCodeAt(0)) % 3]!;
        const nextActionOffset = Math.floor(next() * 130) - 10;
        const input = customerCreate.parse({
          companyName: name,
          localName: copy === 0 ? (market.localNames?.[index] ?? null) : null,
          country: market.country,
          address: `${10 + (n % 90)} Harbour Road, ${market.city}`,
          website: `www.${domain}`,
          industry: pick(INDUSTRIES),
          source: pick(CUSTOMER_SOURCES),
          tags: [pick(TAGS), ...(next() < 0.3 ? [pick(TAGS)] : [])],
          creditLimit:
            next() < 0.5
              ? { minor: Math.round(next() * 200) * 100_000, currency: pick(["USD", "EUR", "USD", "GBP"]) }
              : null,
          creditStatus: next() < 0.85 ? "good" : pick(["watch", "hold"]),
          notes: next() < 0.3 ? "Prefers communication in the morning their time." : null,
          dealStatus: grade === "A" ? "closed" : pick(DEAL_STATUSES),
          importance: pick(["A", "B", "C", "C", null]),
          demand,
          expectedCloseDate: demand === "target" ? addDays(today, closeIn) : null,
          nextActionDate: next() < 0.85 ? addDays(today, nextActionOffset) : null,
          nextAction: pick([
            "Send quotation",
            "Follow up on samples",
            "Confirm PI",
            "Call about the new season",
            "Send catalogue",
          ]),
          keyAccount: grade === "A" && next() < 0.5,
          ownerId,
          contacts,
          force: true,
          duplicateReason: "demo data",
        });
        const customer = await services.customers.create({ user: admin, requestId: "demo" }, input);
        const author = await identityOf(ownerId);
        const followUps = Math.floor(next() * 4);
        for (let f = 0; f < followUps; f++) {
          await services.followUps.create({ user: author, requestId: "demo" }, customer.id, {
            date: addDays(today, -Math.floor(next() * 60)),
            channel: pick(FOLLOW_UP_CHANNELS),
            summary: pick(SUMMARIES),
            contactId: customer.contacts[0]?.id ?? null,
            nextAction: null,
            nextActionDate: null,
          });
        }
        if (n % 23 === 7) pool.push(customer.id);
        created++;
      }
    }
  }
  // A few customers sit in the public pool (公海), as they would after months without contact.
  const now = services.clock.now().toISOString();
  await services.database.db
    .updateTable("customers")
    .set({ ownerId: null, pooledAt: now })
    .where("id", "in", pool)
    .execute();
  return created;
}

const VARIANT_WORDS = ["Group", "International", "Trading", "Imports", "Holdings"];

/** A sister company's name: the legal form dropped and a word added that the name does not end with already. */
function variantName(companyName: string, copy: number): string {
  const base = companyName
    .replace(/(Ltd\.?|LLC|Inc\.|GmbH|S\.r\.l\.|S\.L\.|B\.V\.|Pty Ltd|Pvt\. Ltd\.)$/, "")
    .trim();
  const words = VARIANT_WORDS.filter((word) => !base.toLowerCase().endsWith(word.toLowerCase()));
  return `${base} ${words[copy % words.length]}`;
}
