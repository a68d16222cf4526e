import { join } from 'node:path';
import { createOpenSearchClient, type OpenSearchClient } from '../../shared/clients/opensearch.js';
import { startOpenSearch } from './opensearch.js';
import { repoRoot } from './repo-root.js';

/** A local OpenSearch node (or the one OPENSEARCH_URL names) and an unsigned client for it. */
export interface LocalSearch {
  url: string;
  client: OpenSearchClient;
  /** Closes the client, then stops the node if it was started here. */
  close: () => Promise<void>;
}

/**
 * Starts OpenSearch for a script that talks to it directly (benchmarks, evaluations): data under
 * `.local/opensearch/<dataDirName>`, 1 GiB heap; uses OPENSEARCH_URL instead when it is set.
 */
export async function startLocalSearch(opts: {
  port: number;
  dataDirName: string;
  log: (line: string) => void;
  requestTimeoutMs?: number;
}): Promise<LocalSearch> {
  const openSearch = await startOpenSearch({
    port: opts.port,
    dataDir: join(repoRoot, '.local', 'opensearch', opts.dataDirName),
    heapMb: 1024,
    log: opts.log,
  });
  const client = createOpenSearchClient(
    { openSearch: { url: openSearch.url, auth: 'none' }, region: 'local' },
    { requestTimeoutMs: opts.requestTimeoutMs },
  );
  return {
    url: openSearch.url,
    client,
    close: async () => {
      await client.close();
      await openSearch.stop();
    },
  };
}
