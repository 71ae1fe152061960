/**
 * Shapes of the Graph beta Industry Data API (`/external/industryData`, namespace
 * `microsoft.graph.industryData`) that the new SDS reports sync health through.
 * Timestamps are Edm.DateTimeOffset text, to be parsed with `parseGraphDateTime`.
 */

/** `microsoft.graph.publicErrorDetail`. */
export interface PublicErrorDetail {
  code?: string | null;
  message?: string | null;
  target?: string | null;
}

/** `microsoft.graph.publicError`, as a run's or activity's `blockingError`. */
export interface PublicError extends PublicErrorDetail {
  details?: PublicErrorDetail[] | null;
  innerError?: (PublicErrorDetail & { details?: PublicErrorDetail[] | null }) | null;
}

/** `industryDataActivity`, the base type of inbound flows. */
export interface IndustryDataActivity {
  '@odata.type'?: string;
  id: string;
  displayName: string;
  /** `readinessStatus`: notReady, ready, failed, disabled, expired or unknownFutureValue. */
  readinessStatus: string;
}

/** `inboundFlow`, whose `@odata.type` is `…inboundFileFlow` or `…inboundApiFlow`. */
export interface InboundFlow extends IndustryDataActivity {
  dataDomain?: string;
  /** Start of the window in which the flow may run. */
  effectiveDateTime?: string | null;
  /** End of the window in which the flow may run. */
  expirationDateTime?: string | null;
}

/** `industryDataRun`. The service documents no order, so sort runs by `startDateTime`. */
export interface IndustryDataRun {
  '@odata.type'?: string;
  id: string;
  displayName?: string | null;
  startDateTime: string;
  /** Null while the run is running. */
  endDateTime: string | null;
  /** `industryDataRunStatus`: running, failed, completed, completedWithErrors, completedWithWarnings. */
  status: string;
  blockingError?: PublicError | null;
}

/** `industryDataRunActivity`: one flow's part in a run. */
export interface RunActivity {
  /** `…inboundFlowActivity` or `…outboundFlowActivity`. */
  '@odata.type'?: string;
  id: string;
  /** Name of the flow that ran, which is not unique across flows. */
  displayName: string | null;
  /**
   * `industryDataActivityStatus`: inProgress, skipped, failed, completed, completedWithErrors
   * or completedWithWarnings.
   */
  status: string;
  blockingError?: PublicError | null;
  /** The flow that ran. Present only with `$expand=activity`, and null for outbound flows. */
  activity?: IndustryDataActivity | null;
}

/** `industryDataRunEntityCountMetric`. */
export interface EntityCountMetric {
  active: number;
  inactive: number;
  total: number;
}

/** `industryDataRunRoleCountMetric`. */
export interface RoleCountMetric {
  role: string;
  count: number;
}

/** `inboundActivityResults`, one entry of `activityStatistics`. */
export interface InboundActivityResults {
  '@odata.type'?: string;
  /** The run-activity id or the flow id. The Graph docs do not say which, so match both. */
  activityId: string;
  displayName?: string | null;
  status?: string;
  errors?: number;
  warnings?: number;
  people?: EntityCountMetric;
  groups?: EntityCountMetric;
  memberships?: EntityCountMetric;
  organizations?: EntityCountMetric;
  matchedPeopleByRole?: RoleCountMetric[];
  unmatchedPeopleByRole?: RoleCountMetric[];
}

/** `aggregatedInboundStatistics`: counts of active records across all inbound flows of a run. */
export interface AggregatedInboundStatistics {
  errors?: number;
  warnings?: number;
  people?: number;
  groups?: number;
  memberships?: number;
  organizations?: number;
  matchedPeopleByRole?: RoleCountMetric[];
  unmatchedPeopleByRole?: RoleCountMetric[];
}

/** `industryDataRunStatistics`, returned by `GET /runs/{id}/getStatistics`. */
export interface RunStatistics {
  runId: string;
  status?: string;
  activityStatistics?: InboundActivityResults[] | null;
  inboundTotals?: AggregatedInboundStatistics | null;
}

/** One page of an Industry Data collection. */
export interface IndustryDataCollection<T> {
  '@odata.context'?: string;
  '@odata.nextLink'?: string;
  value: T[];
}
