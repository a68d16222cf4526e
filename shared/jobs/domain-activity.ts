import { DescribeDomainCommand, type OpenSearchClient } from '@aws-sdk/client-opensearch';

/**
 * Why the OpenSearch Service domain should not take a full reindex now, or undefined when it can.
 * During a blue/green configuration change or an engine upgrade the cluster copies every shard to
 * new nodes; a bulk load on top slows both and may fail, so the reindex waits for the next run.
 */
export async function domainBusyReason(
  controlPlane: OpenSearchClient,
  domainName: string,
): Promise<string | undefined> {
  const { DomainStatus: status } = await controlPlane.send(
    new DescribeDomainCommand({ DomainName: domainName }),
  );
  if (status?.UpgradeProcessing) return `domain ${domainName} is upgrading its engine`;
  if (status?.Processing) {
    return `domain ${domainName} is applying a change (${status.DomainProcessingStatus ?? 'processing'})`;
  }
  return undefined;
}
