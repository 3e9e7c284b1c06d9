CREATE TABLE `loop_events` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`response_id` text NOT NULL,
	`kind` text NOT NULL,
	`actor` text NOT NULL,
	`status` text,
	`assignee` text,
	`resolution` text,
	`text` text,
	`to` text,
	`subject` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `loop_events_response_idx` ON `loop_events` (`workspace_id`,`response_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `responses` ADD `loop_resolution` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `loop_resolution_note` text;--> statement-breakpoint
CREATE INDEX `responses_ws_loop_idx` ON `responses` (`workspace_id`,`loop_status`,`created_at`) WHERE loop_status is not null;--> statement-breakpoint
CREATE INDEX `responses_ws_assignee_idx` ON `responses` (`workspace_id`,`loop_assignee`,`created_at`) WHERE loop_assignee is not null;--> statement-breakpoint
-- Notes written before the activity log existed become its first entries.
INSERT INTO `loop_events` (`id`, `workspace_id`, `response_id`, `kind`, `actor`, `text`, `created_at`)
SELECT 'lev_' || `id`, `workspace_id`, `response_id`, 'note', `author`, `text`, `created_at` FROM `response_notes`;--> statement-breakpoint
-- Assignees were free text: one that names a member by email becomes that member's user id.
UPDATE `responses` SET `loop_assignee` = (
  SELECT `u`.`id` FROM `users` `u` JOIN `memberships` `m` ON `m`.`user_id` = `u`.`id` AND `m`.`workspace_id` = `responses`.`workspace_id` WHERE `u`.`email` = `responses`.`loop_assignee`
) WHERE `loop_assignee` IS NOT NULL AND EXISTS (
  SELECT 1 FROM `users` `u` JOIN `memberships` `m` ON `m`.`user_id` = `u`.`id` AND `m`.`workspace_id` = `responses`.`workspace_id` WHERE `u`.`email` = `responses`.`loop_assignee`
);
