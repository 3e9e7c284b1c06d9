CREATE TABLE `account_health_snapshots` (
	`workspace_id` text NOT NULL,
	`as_of` text NOT NULL,
	`window` text NOT NULL,
	`payload` text NOT NULL,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `window`, `as_of`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
