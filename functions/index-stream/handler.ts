import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { createDocumentClient, createSqsClient } from '../../shared/clients/aws.js';
import { createOpenSearchClient } from '../../shared/clients/opensearch.js';
import { loadConfig } from '../../shared/config.js';
import { sqsDeadLetters } from '../../shared/ingest/dead-letters.js';
import { indexStreamBatch } from '../../shared/ingest/index-stream-batch.js';
import { createObservability, withObservability } from '../../shared/observability.js';
import { createRelated } from '../../shared/recommend/create-related.js';
import { IndexAdmin } from '../../shared/search-index/index-admin.js';

const config = loadConfig(['deadLetterQueueUrl']);
const observability = createObservability('index-stream', config);
const { logger, metrics } = observability;
// one _bulk per stream batch: compressed, it is about a seventeenth of the bytes
const client = createOpenSearchClient(config, { gzipRequests: true });
const admin = new IndexAdmin(client, config.indexAlias);
const deadLetters = sqsDeadLetters(createSqsClient(config), config.deadLetterQueueUrl);
// Marks of the written articles for the related-lists refresh, sent alongside each batch's bulk
// write, and dropped lists of deleted or scheduled ones (never fails a batch).
const relatedHooks = createRelated({
  openSearch: client,
  documents: createDocumentClient(config),
  config,
}).indexHooks((message, details) => logger.warn(message, details));

/** DynamoDB stream → OpenSearch: one `_bulk` per batch, failures reported per record. */
export const handler = withObservability(
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const { batchItemFailures, stats } = await indexStreamBatch(event.Records, {
      client,
      admin,
      deadLetters,
      retry: { attempts: 3, baseDelayMs: 200 },
      ...relatedHooks,
    });
    logger.info('stream batch indexed', { ...stats });
    for (const [name, value] of Object.entries(stats)) {
      if (typeof value !== 'number') continue;
      metrics.addMetric(
        `batch.${name}`,
        name === 'bulkMs' ? MetricUnit.Milliseconds : MetricUnit.Count,
        value,
      );
    }
    return { batchItemFailures };
  },
  observability,
);
