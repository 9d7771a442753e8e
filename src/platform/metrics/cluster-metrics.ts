import { AggregatorRegistry } from 'prom-client';
import { metricsRegistry } from './metrics.js';

/**
 * A worker of `serve --workers N`: answers the primary's requests for this process's metrics (prom-client's
 * cluster messages). Called first thing in a worker, so a worker still starting answers too instead of
 * making every scrape wait for its timeout.
 */
export function answerPrimaryScrapes(): void {
  AggregatorRegistry.setRegistries([metricsRegistry]);
  new AggregatorRegistry();
}

/**
 * The primary of `serve --workers N`: a scrape asks every live worker for its metrics and sums them
 * (a counter or histogram of the cluster is the sum of the workers'; the gauges that every worker
 * reads from the same table, or that only the jobs' worker has, take the largest instead, as their
 * definitions say). A worker that does not answer within prom-client's 5 s fails the scrape.
 */
export function clusterScraper(): () => Promise<string> {
  const aggregator = new AggregatorRegistry();
  return () => aggregator.clusterMetrics();
}
