import type { OpenSearchClient } from '../clients/opensearch.js';
import type { IndexAdmin } from './index-admin.js';
import { applySecurityRoles, type SecurityRoleMappings } from './security-roles.js';

/** What a deployment asks for (the custom resource's properties, validated by the handler). */
export interface ProvisionRequest {
  /** `Delete` leaves roles, indices and aliases alone: data outlives the stack. */
  requestType: 'Create' | 'Update' | 'Delete';
  roleMappings: SecurityRoleMappings;
}

export interface ProvisionDeps {
  /** Signed as the fine-grained access control master user. */
  client: OpenSearchClient;
  admin: IndexAdmin;
  /** Starts a full reindex without waiting for it (the reindex job continues itself). */
  startReindex: () => Promise<void>;
}

export interface ProvisionResult {
  securityRoles: string[];
  liveGeneration?: string;
  /** Whether the live generation had an older mapping, so a full reindex was started. */
  reindexStarted: boolean;
}

/**
 * What a deploy must do inside OpenSearch before the service answers: map the functions' IAM roles
 * to least-privilege roles, make sure a live generation and its aliases exist (an empty one on a
 * fresh domain), and start a full reindex when the live generation was built from an older
 * mapping, so documents of the new shape are not dead-lettered until the nightly rebuild.
 * Idempotent: every deploy runs it again.
 */
export async function provisionSearch(
  deps: ProvisionDeps,
  request: ProvisionRequest,
): Promise<ProvisionResult> {
  if (request.requestType === 'Delete') return { securityRoles: [], reindexStarted: false };
  const securityRoles = await applySecurityRoles(
    deps.client,
    deps.admin.alias,
    request.roleMappings,
  );
  const { index, stale } = await deps.admin.ensureLive();
  if (stale) await deps.startReindex();
  return { securityRoles, liveGeneration: index, reindexStarted: stale };
}
