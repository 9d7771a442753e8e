import type { paths } from '../../api/schema';

/** GET /v1/console/overview's answer, as the OpenAPI document describes it. */
export type StoreOverview = paths['/v1/console/overview']['get']['responses'][200]['content']['application/json'];
export type OverviewReport = NonNullable<StoreOverview['report']>;
export type ClvDistribution = NonNullable<StoreOverview['clvDistribution']>;

/** Formats money in the store's currency (major units). */
export type Money = (value: number) => string;
