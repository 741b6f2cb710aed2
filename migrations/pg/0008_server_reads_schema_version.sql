-- hearing-desk-server checks at start, as the application's role, that the database is neither
-- newer than itself nor waiting for a migration (src-main/server/zone-server.ts): it may read the
-- list of applied migrations, and nothing else of the migrations' schema.
GRANT USAGE ON SCHEMA "drizzle" TO hearing_desk_app;
--> statement-breakpoint
GRANT SELECT ON "drizzle"."__drizzle_migrations" TO hearing_desk_app;
