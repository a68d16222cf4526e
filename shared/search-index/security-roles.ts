import type { OpenSearchClient } from '../clients/opensearch.js';

/**
 * The three least-privilege fine-grained access control roles of one alias family, and which IAM
 * roles (backend roles) hold each. IAM can only scope OpenSearch HTTP calls to the whole domain,
 * so per-index limits live here.
 */
export const securityRoleNames = ['reader', 'writer', 'admin'] as const;
export type SecurityRoleName = (typeof securityRoleNames)[number];

/** IAM role ARNs mapped to each role, e.g. `{ reader: [search, suggest…], writer: […], admin: […] }`. */
export type SecurityRoleMappings = Record<SecurityRoleName, string[]>;

interface RoleDefinition {
  cluster_permissions: string[];
  index_permissions: Array<{ index_patterns: string[]; allowed_actions: string[] }>;
}

/** `articles_reader`, `articles_writer`, `articles_admin` for the alias `articles`. */
export const securityRoleOf = (alias: string, role: SecurityRoleName) => `${alias}_${role}`;

/** Permissions of each role, limited to the family's indices (`<alias>*`: generations and aliases). */
export function securityRoleDefinitions(alias: string): Record<SecurityRoleName, RoleDefinition> {
  const indices = (allowed_actions: string[]) => [
    { index_patterns: [`${alias}*`], allowed_actions },
  ];
  return {
    // search, suggest, related, refresh-related: _search, _msearch, document reads
    reader: {
      cluster_permissions: ['cluster_composite_ops_ro'],
      index_permissions: indices(['read']),
    },
    // index-stream: alias lookup, _bulk into every write target (it searches nothing since
    // related lists are computed by the marker refresh)
    writer: {
      cluster_permissions: ['cluster_composite_ops'],
      index_permissions: indices(['write', 'indices:admin/aliases/get']),
    },
    // reindex: generations, template, alias swaps, health checks
    admin: {
      cluster_permissions: [
        'cluster_composite_ops',
        'cluster_monitor',
        'cluster_manage_index_templates',
      ],
      index_permissions: indices(['indices_all']),
    },
  };
}

/**
 * Creates or replaces the roles and their mappings through the security plugin's REST API
 * (`PUT _plugins/_security/api/roles/<name>`, `PUT _plugins/_security/api/rolesmapping/<name>`).
 * Both calls replace what was there, so the roles are owned by the deployment: a mapping added by
 * hand to one of these roles is dropped on the next deploy. Needs the master user (or all_access).
 */
export async function applySecurityRoles(
  client: OpenSearchClient,
  alias: string,
  mappings: SecurityRoleMappings,
): Promise<string[]> {
  const definitions = securityRoleDefinitions(alias);
  const applied: string[] = [];
  for (const name of securityRoleNames) {
    const role = securityRoleOf(alias, name);
    await client.security.createRole({ role, body: definitions[name] });
    await client.security.createRoleMapping({
      role,
      body: { backend_roles: [...mappings[name]].sort() },
    });
    applied.push(role);
  }
  return applied;
}
