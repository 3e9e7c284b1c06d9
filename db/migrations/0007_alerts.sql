CREATE TABLE `alert_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`cpi_id` text,
	`theme_key` text,
	`active` integer DEFAULT true NOT NULL,
	`next_check_at` integer,
	`last_checked_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cpi_id`) REFERENCES `cpis`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alert_rules_ws_idx` ON `alert_rules` (`workspace_id`,`touchpoint_id`,`kind`);--> statement-breakpoint
CREATE INDEX `alert_rules_due_idx` ON `alert_rules` (`active`,`next_check_at`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`rule_id` text,
	`kind` text NOT NULL,
	`touchpoint_id` text NOT NULL,
	`condition_key` text NOT NULL,
	`message` text NOT NULL,
	`details` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rule_id`) REFERENCES `alert_rules`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_rule_condition_idx` ON `alerts` (`rule_id`,`condition_key`);--> statement-breakpoint
CREATE INDEX `alerts_ws_created_idx` ON `alerts` (`workspace_id`,`created_at`);