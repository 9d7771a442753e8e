import type { paths } from '../../api/schema';

type Json<P extends keyof paths, M extends 'get' | 'post' | 'put'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type FlowListing = Json<'/v1/flows', 'get'>['flows'][number];
export type FlowGates = Json<'/v1/flows/{id}/gates', 'get'>;
export type FlowPreview = Json<'/v1/flows/{id}/preview', 'post'>;
export type FlowBacktest = Json<'/v1/flows/{id}/dry-run', 'post'>;

interface Interval {
  readonly low: number;
  readonly high: number;
}
interface Estimate {
  readonly estimate: number;
  readonly ci95: Interval;
}
interface Group {
  readonly recipients: number;
  readonly customers: number;
  readonly conversions: number;
  readonly conversionRate: number | null;
  readonly revenueMinor: number;
}

/**
 * GET /v1/flows/{id}/performance's answer (docs/flows.md "Measuring a flow"): its schema is left
 * open (the report's fields are documented there), so the fields the page reads are named here.
 */
export interface FlowPerformance {
  readonly flow: string;
  readonly windowDays: number;
  readonly sent: number;
  readonly openWindows: number;
  readonly currency: string | null;
  readonly messages: { readonly total: number; readonly heldOut: number; readonly skipped: number };
  readonly treatment: Group;
  readonly holdout: Group;
  readonly conversionLift: Estimate | null;
  readonly relativeLift: number | null;
  readonly attributedRevenueMinor: number;
  readonly incrementalRevenueMinor: Estimate | null;
}

/** An error answer's code, message and details (docs/errors.md), from an openapi-fetch result. */
export interface ApiFailure {
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export function failureOf(result: { error?: unknown; response: Response }): ApiFailure {
  const body = result.error as { error?: { code?: string; message?: string; details?: Record<string, unknown> } };
  return {
    code: body?.error?.code ?? String(result.response.status),
    message: body?.error?.message ?? result.response.statusText,
    details: body?.error?.details ?? {},
  };
}
