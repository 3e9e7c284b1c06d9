export const roles = ['viewer', 'editor', 'owner'] as const;
export type Role = (typeof roles)[number];

/** viewer < editor < owner: each role can do what the ones below it can. */
export const atLeast = (role: Role, needed: Role): boolean => roles.indexOf(role) >= roles.indexOf(needed);
