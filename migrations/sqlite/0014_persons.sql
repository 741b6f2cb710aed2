CREATE TABLE `hearing_persons` (
	`hearing_id` text NOT NULL,
	`role` text NOT NULL,
	`person_id` text NOT NULL,
	`hearing_opened_at` integer NOT NULL,
	`linked_at` integer NOT NULL,
	`linked_by` text NOT NULL,
	`how` text NOT NULL,
	PRIMARY KEY(`hearing_id`, `role`),
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`linked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "hearing_persons_role_check" CHECK("hearing_persons"."role" in ('victim', 'suspect')),
	CONSTRAINT "hearing_persons_how_check" CHECK("hearing_persons"."how" in ('new', 'confirmed'))
);
--> statement-breakpoint
CREATE INDEX `hearing_persons_person_idx` ON `hearing_persons` (`person_id`,`hearing_opened_at`);--> statement-breakpoint
CREATE TABLE `person_link_events` (
	`id` text PRIMARY KEY NOT NULL,
	`hearing_id` text NOT NULL,
	`role` text NOT NULL,
	`person_id` text NOT NULL,
	`action` text NOT NULL,
	`by` text NOT NULL,
	`at` integer NOT NULL,
	`reason` text,
	FOREIGN KEY (`hearing_id`) REFERENCES `hearings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "person_link_events_role_check" CHECK("person_link_events"."role" in ('victim', 'suspect')),
	CONSTRAINT "person_link_events_action_check" CHECK("person_link_events"."action" in ('confirmed', 'declined', 'unlinked'))
);
--> statement-breakpoint
CREATE INDEX `person_link_events_hearing_idx` ON `person_link_events` (`hearing_id`,`role`,`at`);--> statement-breakpoint
CREATE TABLE `person_search_keys` (
	`person_id` text NOT NULL,
	`key` text NOT NULL,
	PRIMARY KEY(`person_id`, `key`),
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `person_search_keys_key_idx` ON `person_search_keys` (`key`,`person_id`);--> statement-breakpoint
CREATE TABLE `persons` (
	`id` text PRIMARY KEY NOT NULL,
	`national_number` text,
	`surname` text NOT NULL,
	`first_names` text NOT NULL,
	`birth_date` text,
	`birth_place` text,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "persons_national_number_check" CHECK("persons"."national_number" is null or length("persons"."national_number") = 11)
);
--> statement-breakpoint
CREATE INDEX `persons_national_number_idx` ON `persons` (`national_number`);--> statement-breakpoint
-- A decision about a hearing's person stays as it was recorded (who confirmed, declined or undid a link, and why).
CREATE TRIGGER `person_link_events_no_update` BEFORE UPDATE ON `person_link_events`
BEGIN
  SELECT RAISE(ABORT, 'person_link_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `person_link_events_no_delete` BEFORE DELETE ON `person_link_events`
BEGIN
  SELECT RAISE(ABORT, 'person_link_events is append-only');
END;
