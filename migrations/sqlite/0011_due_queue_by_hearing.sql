-- The hearing in the due queue's index: its count is read from the index alone (PostgreSQL needs the
-- hearing for its row-level check, pg/0006; the two stores keep one schema).
DROP INDEX `risk_queue_latest_order_idx`;--> statement-breakpoint
CREATE INDEX `risk_queue_latest_order_idx` ON `risk_assessments` (`unit_id`,`latest`,"level" DESC,`next_due_at`,`hearing_id`);