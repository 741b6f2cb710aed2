-- The same rules as the SQLite migrations' triggers, with the same messages: the record (audit
-- trail, addenda, answer history, evidence files and hand-overs, printed documents, copy reviews)
-- is appended to, never changed or removed, whoever connects. Trigger names are SQLite's.
CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('audit_events is append-only');
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_delete" BEFORE DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('audit_events is append-only');
--> statement-breakpoint
-- Row triggers do not see TRUNCATE: one statement trigger per append-only table refuses it too.
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('audit_events is append-only');
--> statement-breakpoint
CREATE TRIGGER "addenda_no_update" BEFORE UPDATE ON "addenda" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('addenda are append-only');
--> statement-breakpoint
CREATE TRIGGER "addenda_no_delete" BEFORE DELETE ON "addenda" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('addenda are append-only');
--> statement-breakpoint
CREATE TRIGGER "addenda_no_truncate" BEFORE TRUNCATE ON "addenda" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('addenda are append-only');
--> statement-breakpoint
CREATE TRIGGER "answer_history_no_update" BEFORE UPDATE ON "answer_history" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('answer_history is append-only');
--> statement-breakpoint
CREATE TRIGGER "answer_history_no_delete" BEFORE DELETE ON "answer_history" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('answer_history is append-only');
--> statement-breakpoint
CREATE TRIGGER "answer_history_no_truncate" BEFORE TRUNCATE ON "answer_history" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('answer_history is append-only');
--> statement-breakpoint
CREATE TRIGGER "evidence_files_no_update" BEFORE UPDATE ON "evidence_files" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('evidence_files is append-only');
--> statement-breakpoint
CREATE TRIGGER "evidence_files_no_delete" BEFORE DELETE ON "evidence_files" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('evidence_files is append-only');
--> statement-breakpoint
CREATE TRIGGER "evidence_files_no_truncate" BEFORE TRUNCATE ON "evidence_files" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('evidence_files is append-only');
--> statement-breakpoint
CREATE TRIGGER "evidence_custody_events_no_update" BEFORE UPDATE ON "evidence_custody_events" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('evidence_custody_events is append-only');
--> statement-breakpoint
CREATE TRIGGER "evidence_custody_events_no_delete" BEFORE DELETE ON "evidence_custody_events" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('evidence_custody_events is append-only');
--> statement-breakpoint
CREATE TRIGGER "evidence_custody_events_no_truncate" BEFORE TRUNCATE ON "evidence_custody_events" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('evidence_custody_events is append-only');
--> statement-breakpoint
-- An item is corrected, never removed, and keeps its hearing, number and author.
CREATE TRIGGER "evidence_items_no_delete" BEFORE DELETE ON "evidence_items" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('evidence items are never removed');
--> statement-breakpoint
CREATE TRIGGER "evidence_items_no_truncate" BEFORE TRUNCATE ON "evidence_items" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('evidence items are never removed');
--> statement-breakpoint
CREATE TRIGGER "evidence_items_identity_fixed" BEFORE UPDATE OF "id", "hearing_id", "number", "created_at", "created_by" ON "evidence_items" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('an evidence item keeps its identity');
--> statement-breakpoint
-- Intimate images of a minor are never stored (digital-violence.md, C1.6), whatever the caller.
CREATE FUNCTION "refuse_minor_item_file"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT "sensitivity" FROM "evidence_items" WHERE "id" = NEW."item_id") = 'minor' THEN
    RAISE EXCEPTION 'files of an item marked minor are never stored' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "evidence_files_no_minor_images" BEFORE INSERT ON "evidence_files" FOR EACH ROW EXECUTE FUNCTION "refuse_minor_item_file"();
--> statement-breakpoint
CREATE FUNCTION "refuse_minor_item_with_files"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."sensitivity" = 'minor' AND EXISTS (SELECT 1 FROM "evidence_files" WHERE "item_id" = NEW."id") THEN
    RAISE EXCEPTION 'an item with files cannot be marked minor' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "evidence_items_minor_without_files" BEFORE UPDATE OF "sensitivity" ON "evidence_items" FOR EACH ROW EXECUTE FUNCTION "refuse_minor_item_with_files"();
--> statement-breakpoint
CREATE TRIGGER "printed_documents_no_update" BEFORE UPDATE ON "printed_documents" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('printed documents are never changed');
--> statement-breakpoint
CREATE TRIGGER "printed_documents_no_delete" BEFORE DELETE ON "printed_documents" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('printed documents are never removed');
--> statement-breakpoint
CREATE TRIGGER "printed_documents_no_truncate" BEFORE TRUNCATE ON "printed_documents" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('printed documents are never removed');
--> statement-breakpoint
CREATE TRIGGER "victim_copy_reviews_no_update" BEFORE UPDATE ON "victim_copy_reviews" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('copy reviews are never changed');
--> statement-breakpoint
CREATE TRIGGER "victim_copy_reviews_no_delete" BEFORE DELETE ON "victim_copy_reviews" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('copy reviews are never removed');
--> statement-breakpoint
CREATE TRIGGER "victim_copy_reviews_no_truncate" BEFORE TRUNCATE ON "victim_copy_reviews" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('copy reviews are never removed');
