CREATE TABLE "addenda" (
	"id" text PRIMARY KEY NOT NULL,
	"hearing_id" text NOT NULL,
	"text" text NOT NULL,
	"created_at" bigint NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "answer_history" (
	"hearing_id" text NOT NULL,
	"form_id" text NOT NULL,
	"field_id" text NOT NULL,
	"revision" integer NOT NULL,
	"value_json" text NOT NULL,
	"at" bigint NOT NULL,
	"by" text NOT NULL,
	CONSTRAINT "answer_history_hearing_id_form_id_field_id_revision_pk" PRIMARY KEY("hearing_id","form_id","field_id","revision")
);
--> statement-breakpoint
CREATE TABLE "answers" (
	"hearing_id" text NOT NULL,
	"form_id" text NOT NULL,
	"form_version" integer NOT NULL,
	"field_id" text NOT NULL,
	"value_json" text NOT NULL,
	"revision" integer NOT NULL,
	"updated_at" bigint NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "answers_hearing_id_form_id_field_id_pk" PRIMARY KEY("hearing_id","form_id","field_id")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" bigint NOT NULL,
	"user_id" text,
	"action" text NOT NULL,
	"hearing_id" text,
	"details_json" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_custody_events" (
	"id" text PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"hearing_id" text NOT NULL,
	"handed_to" text NOT NULL,
	"handed_at" bigint NOT NULL,
	"medium" text NOT NULL,
	"note" text NOT NULL,
	"recorded_at" bigint NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" text PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"hearing_id" text NOT NULL,
	"original_name" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"stored_name" text NOT NULL,
	"cipher" text NOT NULL,
	"key_info" text NOT NULL,
	"iv" text NOT NULL,
	"auth_tag" text NOT NULL,
	"imported_at" bigint NOT NULL,
	"imported_by" text NOT NULL,
	CONSTRAINT "evidence_files_stored_name_unique" UNIQUE("stored_name"),
	CONSTRAINT "evidence_files_sha256_check" CHECK (length("evidence_files"."sha256") = 64)
);
--> statement-breakpoint
CREATE TABLE "evidence_items" (
	"id" text PRIMARY KEY NOT NULL,
	"hearing_id" text NOT NULL,
	"number" integer NOT NULL,
	"type" text NOT NULL,
	"description" text NOT NULL,
	"platform" text,
	"account_ids" text,
	"url" text,
	"event_time" text,
	"event_time_zone" text,
	"captured_at" bigint NOT NULL,
	"captured_by" text NOT NULL,
	"capture_method" text,
	"tool_version" text,
	"original_location" text,
	"related_prompts_json" text DEFAULT '[]' NOT NULL,
	"sensitivity" text NOT NULL,
	"platform_report_number" text,
	"stopncii_case_number" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" bigint NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" bigint NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "evidence_items_type_check" CHECK ("evidence_items"."type" in ('screenshot', 'export', 'file', 'url', 'device', 'platformNotice')),
	CONSTRAINT "evidence_items_sensitivity_check" CHECK ("evidence_items"."sensitivity" in ('none', 'intimate', 'minor', 'thirdParty'))
);
--> statement-breakpoint
CREATE TABLE "hearing_forms" (
	"hearing_id" text NOT NULL,
	"form_id" text NOT NULL,
	"form_version" integer NOT NULL,
	CONSTRAINT "hearing_forms_hearing_id_form_id_pk" PRIMARY KEY("hearing_id","form_id")
);
--> statement-breakpoint
CREATE TABLE "hearings" (
	"id" text PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"owner_id" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"statement_approved_at" bigint,
	"statement_approved_by" text,
	"statement_sha256" text,
	"closed_at" bigint,
	"closed_by" text,
	"unit_id" text,
	CONSTRAINT "hearings_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "printed_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"hearing_id" text NOT NULL,
	"kind" text NOT NULL,
	"variant" text NOT NULL,
	"language" text NOT NULL,
	"sequence" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" bigint NOT NULL,
	"pages" integer NOT NULL,
	"pdf" "bytea" NOT NULL,
	"printed_at" bigint NOT NULL,
	"printed_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_assessments" (
	"id" text PRIMARY KEY NOT NULL,
	"hearing_id" text NOT NULL,
	"unit_id" text,
	"sequence" integer NOT NULL,
	"definition_version" integer NOT NULL,
	"trigger" text NOT NULL,
	"answers_json" text NOT NULL,
	"result_json" text NOT NULL,
	"computed_level" integer NOT NULL,
	"floor_level" integer NOT NULL,
	"level" integer NOT NULL,
	"red_flag_count" integer NOT NULL,
	"raise_reason" text,
	"lowering_level" integer,
	"lowering_reason" text,
	"lowering_status" text,
	"review_status" text NOT NULL,
	"review_comment" text,
	"reviewed_by" text,
	"reviewed_at" bigint,
	"next_due_at" bigint NOT NULL,
	"latest" boolean NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_events" (
	"id" text PRIMARY KEY NOT NULL,
	"hearing_id" text NOT NULL,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	"at" bigint NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_services" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"region" text NOT NULL,
	"languages_json" text NOT NULL,
	"hours" text NOT NULL,
	"phone" text NOT NULL,
	"website" text NOT NULL,
	"verified_on" text,
	"active" boolean NOT NULL,
	"updated_at" bigint NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "units_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" bigint,
	"active" boolean DEFAULT true NOT NULL,
	"unit_id" text,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"service_number" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('officer', 'supervisor', 'administrator'))
);
--> statement-breakpoint
CREATE TABLE "victim_copy_reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"hearing_id" text NOT NULL,
	"decisions_json" text NOT NULL,
	"covered_json" text NOT NULL,
	"reviewed_at" bigint NOT NULL,
	"reviewed_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "addenda" ADD CONSTRAINT "addenda_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "addenda" ADD CONSTRAINT "addenda_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_history" ADD CONSTRAINT "answer_history_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_history" ADD CONSTRAINT "answer_history_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_custody_events" ADD CONSTRAINT "evidence_custody_events_item_id_evidence_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_custody_events" ADD CONSTRAINT "evidence_custody_events_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_custody_events" ADD CONSTRAINT "evidence_custody_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_item_id_evidence_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_captured_by_users_id_fk" FOREIGN KEY ("captured_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing_forms" ADD CONSTRAINT "hearing_forms_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_statement_approved_by_users_id_fk" FOREIGN KEY ("statement_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "printed_documents" ADD CONSTRAINT "printed_documents_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "printed_documents" ADD CONSTRAINT "printed_documents_printed_by_users_id_fk" FOREIGN KEY ("printed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_events" ADD CONSTRAINT "risk_events_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_events" ADD CONSTRAINT "risk_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_services" ADD CONSTRAINT "support_services_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_copy_reviews" ADD CONSTRAINT "victim_copy_reviews_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_copy_reviews" ADD CONSTRAINT "victim_copy_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "addenda_hearing_idx" ON "addenda" USING btree ("hearing_id","created_at");--> statement-breakpoint
CREATE INDEX "answers_field_idx" ON "answers" USING btree ("form_id","field_id");--> statement-breakpoint
CREATE INDEX "answers_statistics_idx" ON "answers" USING btree ("hearing_id","form_id","field_id","value_json") WHERE form_id IN ('facts', 'measures') AND field_id IN ('formsOfViolence', 'residenceBanState', 'contactBanState', 'addressProtectionState', 'alarmState');--> statement-breakpoint
CREATE INDEX "audit_hearing_idx" ON "audit_events" USING btree ("hearing_id");--> statement-breakpoint
CREATE INDEX "evidence_custody_item_idx" ON "evidence_custody_events" USING btree ("item_id","handed_at");--> statement-breakpoint
CREATE INDEX "evidence_files_item_idx" ON "evidence_files" USING btree ("item_id","imported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_items_hearing_number_idx" ON "evidence_items" USING btree ("hearing_id","number");--> statement-breakpoint
CREATE INDEX "hearings_owner_status_idx" ON "hearings" USING btree ("owner_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "hearings_unit_idx" ON "hearings" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "hearings_created_idx" ON "hearings" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "printed_documents_sequence_idx" ON "printed_documents" USING btree ("hearing_id","kind","variant","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_hearing_sequence_idx" ON "risk_assessments" USING btree ("hearing_id","sequence");--> statement-breakpoint
CREATE INDEX "risk_latest_level_idx" ON "risk_assessments" USING btree ("hearing_id","sequence","level") WHERE latest;--> statement-breakpoint
CREATE INDEX "risk_queue_pending_order_idx" ON "risk_assessments" USING btree ("unit_id","review_status","level" DESC NULLS LAST,"next_due_at");--> statement-breakpoint
CREATE INDEX "risk_queue_latest_order_idx" ON "risk_assessments" USING btree ("unit_id","latest","level" DESC NULLS LAST,"next_due_at");--> statement-breakpoint
CREATE INDEX "risk_events_hearing_idx" ON "risk_events" USING btree ("hearing_id","at");--> statement-breakpoint
CREATE INDEX "victim_copy_reviews_hearing_idx" ON "victim_copy_reviews" USING btree ("hearing_id","reviewed_at");