CREATE TABLE `response_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`response_id` text NOT NULL,
	`author` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `response_notes_response_idx` ON `response_notes` (`workspace_id`,`response_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `responses` ADD `loop_status` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `loop_assignee` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `loop_updated_at` integer;