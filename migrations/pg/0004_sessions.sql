CREATE TABLE "sessions" (
	"client_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"last_activity_at" bigint NOT NULL,
	"started_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
-- Who is signed in at which window: the store's `system` context alone reads and writes them (the
-- dispatcher, before it knows who calls); no officer, supervisor or administrator sees another's.
GRANT SELECT, INSERT, UPDATE, DELETE ON "sessions" TO hearing_desk_app;
--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "sessions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "sessions_system" ON "sessions" FOR ALL USING (hd_role() = 'system') WITH CHECK (hd_role() = 'system');
