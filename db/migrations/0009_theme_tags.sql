CREATE TABLE `theme_models` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`model` text NOT NULL,
	`examples` integer NOT NULL,
	`trained_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `theme_tags` (
	`workspace_id` text NOT NULL,
	`response_id` text NOT NULL,
	`theme_key` text NOT NULL,
	`action` text NOT NULL,
	`principal` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `response_id`, `theme_key`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `theme_tags_ws_theme_idx` ON `theme_tags` (`workspace_id`,`theme_key`,`action`);--> statement-breakpoint
ALTER TABLE `themes` ADD `category` text;--> statement-breakpoint
ALTER TABLE `themes` ADD `category_curated` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `themes` ADD `verbatims` text DEFAULT '[]' NOT NULL;