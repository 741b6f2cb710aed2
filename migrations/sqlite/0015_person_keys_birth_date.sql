-- Each search key carries its person's birth date, so a search counts shared keys from the index
-- alone, among the persons it may propose (same birth date, or one side unknown).
DROP INDEX `person_search_keys_key_idx`;--> statement-breakpoint
ALTER TABLE `person_search_keys` ADD `birth_date` text;--> statement-breakpoint
UPDATE `person_search_keys` SET `birth_date` = (SELECT `birth_date` FROM `persons` WHERE `persons`.`id` = `person_search_keys`.`person_id`);--> statement-breakpoint
CREATE INDEX `person_search_keys_lookup_idx` ON `person_search_keys` (`key`,`birth_date`,`person_id`);
