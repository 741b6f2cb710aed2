-- Each search key carries its person's birth date, so a search counts shared keys from the index
-- alone, among the persons it may propose (same birth date, or one side unknown). The migration
-- role reads past row-level security, so every key is filled in.
DROP INDEX "person_search_keys_key_idx";--> statement-breakpoint
ALTER TABLE "person_search_keys" ADD COLUMN "birth_date" text;--> statement-breakpoint
UPDATE "person_search_keys" k SET "birth_date" = p."birth_date" FROM "persons" p WHERE p."id" = k."person_id";--> statement-breakpoint
CREATE INDEX "person_search_keys_lookup_idx" ON "person_search_keys" USING btree ("key","birth_date","person_id");
