CREATE TABLE `digest_keys` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`secret` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `digest_sends` (
	`workspace_id` text NOT NULL,
	`week` text NOT NULL,
	`emails` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `week`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `alert_rules` ADD `sensitivity` text;--> statement-breakpoint
ALTER TABLE `alert_rules` ADD `window_days` integer;--> statement-breakpoint
ALTER TABLE `memberships` ADD `digest` integer;--> statement-breakpoint
CREATE INDEX `responses_detractors_idx` ON `responses` (`workspace_id`,`created_at`,`nps`,`loop_status`,`loop_updated_at`) WHERE nps <= 6;