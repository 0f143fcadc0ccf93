/** Customers, contacts, notifications, duplicate keys, tags, follow-ups, timeline, pool claims, saved views, search. */
import type { Kysely } from "kysely";
import type { Dialect } from "../dialect.ts";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("customers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("company_name", "text", (c) => c.notNull())
    .addColumn("local_name", "text")
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("website", "text")
    .addColumn("industry", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_detail", "text")
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("credit_limit_minor", "bigint")
    .addColumn("credit_currency", "text")
    .addColumn("credit_status", "text", (c) => c.notNull().defaultTo("good"))
    .addColumn("notes", "text")
    .addColumn("owner_id", "text", (c) => c.references("users.id"))
    .addColumn("key_account", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("key_account_owner_id", "text", (c) => c.references("users.id"))
    .addColumn("time_zone", "text")
    .addColumn("deal_status", "text", (c) => c.notNull())
    .addColumn("importance", "text")
    .addColumn("urgency", "text")
    .addColumn("demand", "text", (c) => c.notNull())
    .addColumn("grade", "text")
    .addColumn("suggested_grade", "text")
    .addColumn("grade_overridden", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expected_close_date", "text")
    .addColumn("next_action_date", "text")
    .addColumn("next_action", "text")
    .addColumn("last_follow_up_at", "text")
    .addColumn("last_touched_at", "text", (c) => c.notNull())
    .addColumn("pooled_at", "text")
    .addColumn("pool_warned_at", "text")
    .addColumn("search_text", "text", (c) => c.notNull())
    .addColumn("search_tokens", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  const indexes: [string, string[]][] = [
    ["customers_owner_updated_idx", ["owner_id", "updated_at", "id"]],
    ["customers_updated_idx", ["updated_at", "id"]],
    ["customers_created_idx", ["created_at", "id"]],
    ["customers_name_idx", ["company_name", "id"]],
    ["customers_grade_country_updated_idx", ["grade", "country", "updated_at", "id"]],
    ["customers_country_updated_idx", ["country", "updated_at", "id"]],
    ["customers_owner_next_action_idx", ["owner_id", "next_action_date"]],
    ["customers_next_action_idx", ["next_action_date", "id"]],
    ["customers_pool_idx", ["pooled_at", "id"]],
    ["customers_owner_touched_idx", ["owner_id", "last_touched_at"]],
    ["customers_touched_idx", ["last_touched_at"]],
    ["customers_key_account_owner_idx", ["key_account_owner_id"]],
  ];
  for (const [name, columns] of indexes)
    await db.schema.createIndex(name).on("customers").columns(columns).execute();

  await db.schema
    .createTable("contacts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("customer_id", "text", (c) => c.notNull().references("customers.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("emails", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("phones", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("whatsapp", "text")
    .addColumn("wechat", "text")
    .addColumn("skype", "text")
    .addColumn("linkedin", "text")
    .addColumn("is_primary", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("contacts_customer_idx")
    .on("contacts")
    .columns(["customer_id", "position"])
    .execute();

  await db.schema
    .createTable("customer_keys")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull().references("customers.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("customer_keys_pk", ["kind", "value", "customer_id"])
    .execute();
  await db.schema
    .createIndex("customer_keys_customer_idx")
    .on("customer_keys")
    .column("customer_id")
    .execute();

  await db.schema
    .createTable("customer_tags")
    .addColumn("tag", "text", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull().references("customers.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("customer_tags_pk", ["tag", "customer_id"])
    .execute();
  await db.schema
    .createIndex("customer_tags_customer_idx")
    .on("customer_tags")
    .column("customer_id")
    .execute();

  await db.schema
    .createTable("follow_ups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("customer_id", "text", (c) => c.notNull().references("customers.id").onDelete("cascade"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("contact_id", "text")
    .addColumn("next_action", "text")
    .addColumn("next_action_date", "text")
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex("follow_ups_customer_idx")
    .on("follow_ups")
    .columns(["customer_id", "date", "id"])
    .execute();

  await db.schema
    .createTable("timeline_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("customer_id", "text", (c) => c.notNull().references("customers.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("follow_up_id", "text")
    .execute();
  await db.schema
    .createIndex("timeline_customer_idx")
    .on("timeline_events")
    .columns(["customer_id", "id"])
    .execute();
  await db.schema
    .createIndex("timeline_follow_up_idx")
    .on("timeline_events")
    .column("follow_up_id")
    .execute();

  await db.schema
    .createTable("customer_claims")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("customer_claims_user_idx")
    .on("customer_claims")
    .columns(["user_id", "at"])
    .execute();

  await db.schema
    .createTable("saved_views")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("area", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("saved_views_user_idx")
    .on("saved_views")
    .columns(["user_id", "area"])
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("link", "text")
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema
    .createIndex("notifications_user_idx")
    .on("notifications")
    .columns(["user_id", "id"])
    .execute();

  await dialect.createCustomerSearch(db);
}
