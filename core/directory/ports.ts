import { z } from 'zod';
import type { Role } from '../model/person';

/** A person as the directory (Entra ID) knows them. */
export const DirectoryUserSchema = z.object({
  id: z.string().min(1),
  upn: z.string().min(1),
  displayName: z.string(),
  mail: z.string().optional(),
  jobTitle: z.string().optional(),
  department: z.string().optional(),
});
export type DirectoryUser = z.infer<typeof DirectoryUserSchema>;

/** The council's Entra security groups for each role: a member of any group listed for a role holds it. */
export type RoleGroups = Partial<Record<Role, readonly string[]>>;

/** The bot, installed for one person: the chat id is where a 1:1 message to them goes. */
export interface AppInstallation {
  installationId: string;
  chatId: string;
  /** True when the person already had the app (nothing was installed). */
  alreadyInstalled: boolean;
}

/** Who people are, who manages them, what roles they hold, and putting the bot in their Teams. */
export interface Directory {
  /** undefined when no one has that UPN. */
  getByUpn(upn: string): Promise<DirectoryUser | undefined>;
  /** The person's line manager; undefined when none is recorded. */
  getManager(personId: string): Promise<DirectoryUser | undefined>;
  /** Every user in the group, nested groups included, across all pages. */
  listGroupMembers(groupId: string): Promise<DirectoryUser[]>;
  /** The roles the person holds through the configured role groups (cached for a while). */
  rolesFor(personId: string): Promise<Role[]>;
  /**
   * Installs the bot in the person's personal scope (if it is not there already) and returns the chat
   * the bot can message them in. DomainError NOT_FOUND when the person or the app is unknown,
   * FORBIDDEN when the tenant's policy or permissions refuse it.
   */
  installAppForUser(userId: string, teamsAppId: string): Promise<AppInstallation>;
}
