import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { systemClock, type Clock } from '../../core/clock';
import { createRoleResolver } from '../../core/directory';
import type { AppInstallation, Directory, DirectoryUser, RoleGroups } from '../../core/directory';
import { DomainError } from '../../core/errors';
import { GraphTimeout } from './client';
import type { Role } from '../../core/model';

const USER_FIELDS = 'id,userPrincipalName,displayName,mail,jobTitle,department';

const GraphUserSchema = z
  .object({
    id: z.string(),
    userPrincipalName: z.string(),
    displayName: z.string().nullish(),
    mail: z.string().nullish(),
    jobTitle: z.string().nullish(),
    department: z.string().nullish(),
  })
  .transform(
    (u): DirectoryUser => ({
      id: u.id,
      upn: u.userPrincipalName,
      displayName: u.displayName ?? u.userPrincipalName,
      ...(u.mail ? { mail: u.mail } : {}),
      ...(u.jobTitle ? { jobTitle: u.jobTitle } : {}),
      ...(u.department ? { department: u.department } : {}),
    }),
  );
const PageSchema = z.object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().optional() });
const InstallationsSchema = z.object({ value: z.array(z.object({ id: z.string() })) });
const ChatSchema = z.object({ id: z.string().min(1) });

export interface GraphDirectoryOptions {
  client: Client;
  roleGroups?: RoleGroups;
  /** How long role-group membership is cached; default 15 minutes. */
  roleCacheTtlMs?: number;
  clock?: Clock;
  /** Where a configuration problem is reported (a role group that does not exist). */
  warn?: (message: string) => void;
}

// A nextLink is followed on the configured Graph host, whatever host it names: the token never travels elsewhere.
const onOurHost = (link: string): string => {
  const url = new URL(link);
  return url.pathname.replace(/^\/v1\.0(?=\/)/, '') + url.search;
};

// Installing the app runs from the outbox, not a turn: it may take longer than a turn's Graph deadline.
const INSTALL_TIMEOUT = [new GraphTimeout(15_000)];

const statusOf = (err: unknown): number | undefined => (err instanceof GraphError ? err.statusCode : undefined);

/** The Directory port on Microsoft Graph (application permissions: see docs/deploy.md). */
export class GraphDirectory implements Directory {
  private readonly client: Client;
  readonly rolesFor: (personId: string) => Promise<Role[]>;

  constructor(options: GraphDirectoryOptions) {
    this.client = options.client;
    this.rolesFor = createRoleResolver({
      roleGroups: options.roleGroups ?? {},
      clock: options.clock ?? systemClock,
      ttlMs: options.roleCacheTtlMs,
      listMemberIds: async (groupId) => {
        try {
          return (await this.listGroupMembers(groupId)).map((u) => u.id);
        } catch (err) {
          if (statusOf(err) !== 404) throw err;
          // One mistyped group id must not take everyone's roles away: it counts as empty, and says so.
          (options.warn ?? console.warn)(`ROLE_GROUPS names group ${groupId}, which Entra ID does not have`);
          return [];
        }
      },
    });
  }

  async getByUpn(upn: string): Promise<DirectoryUser | undefined> {
    return this.getUser(`/users/${encodeURIComponent(upn)}`);
  }

  async getManager(personId: string): Promise<DirectoryUser | undefined> {
    // A manager can be a contact rather than a user: only users can be messaged, so only users count.
    return this.getUser(`/users/${encodeURIComponent(personId)}/manager`, true);
  }

  async listGroupMembers(groupId: string): Promise<DirectoryUser[]> {
    const users: DirectoryUser[] = [];
    // The cast segment returns users only, nested groups flattened; nextLink carries on where a page stops.
    let page = PageSchema.parse(
      await this.client
        .api(`/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user`)
        .select(USER_FIELDS)
        .top(999)
        .get(),
    );
    for (;;) {
      for (const item of page.value) {
        const user = GraphUserSchema.safeParse(item);
        if (user.success) users.push(user.data);
      }
      const next = page['@odata.nextLink'];
      if (!next) return users;
      page = PageSchema.parse(await this.client.api(onOurHost(next)).get());
    }
  }

  async installAppForUser(userId: string, teamsAppId: string): Promise<AppInstallation> {
    const user = encodeURIComponent(userId);
    let alreadyInstalled = false;
    try {
      await this.client.api(`/users/${user}/teamwork/installedApps`).middlewareOptions(INSTALL_TIMEOUT).post({
        'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${encodeURIComponent(teamsAppId)}`,
      });
    } catch (err) {
      if (statusOf(err) !== 409) throw this.mapError(err, `installing the app for user ${userId}`);
      alreadyInstalled = true; // 409: the person already has it
    }
    try {
      const found = InstallationsSchema.parse(
        await this.client
          .api(`/users/${user}/teamwork/installedApps`)
          .middlewareOptions(INSTALL_TIMEOUT)
          .expand('teamsApp')
          .filter(`teamsApp/id eq '${teamsAppId.replace(/'/g, "''")}'`)
          .get(),
      );
      const installation = found.value[0];
      if (!installation) throw new DomainError('NOT_FOUND', `The app ${teamsAppId} is not installed for user ${userId}`);
      const chat = ChatSchema.parse(
        await this.client.api(`/users/${user}/teamwork/installedApps/${encodeURIComponent(installation.id)}/chat`).middlewareOptions(INSTALL_TIMEOUT).get(),
      );
      return { installationId: installation.id, chatId: chat.id, alreadyInstalled };
    } catch (err) {
      throw this.mapError(err, `finding the bot's chat with user ${userId}`);
    }
  }

  private async getUser(path: string, usersOnly = false): Promise<DirectoryUser | undefined> {
    try {
      const body = (await this.client.api(path).select(USER_FIELDS).get()) as Record<string, unknown>;
      if (usersOnly && body['@odata.type'] !== undefined && body['@odata.type'] !== '#microsoft.graph.user') return undefined;
      return GraphUserSchema.parse(body);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  // Permanent refusals become DomainErrors; throttling and outages are rethrown for the caller to retry later.
  private mapError(err: unknown, doing: string): unknown {
    const status = statusOf(err);
    if (status === 404) return new DomainError('NOT_FOUND', `Graph found nothing while ${doing}`, { status });
    if (status === 403) return new DomainError('FORBIDDEN', `Graph refused ${doing} (permission or app policy)`, { status });
    return err;
  }
}
