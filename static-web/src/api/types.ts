// The API's response records (camelCase JSON of the C# records), as far as the dashboard reads them.

export type Role = 'viewer' | 'staff' | 'analyst' | 'manager' | 'admin';
export type Direction = 'up' | 'down' | 'flat' | 'unknown';
export type KpiStatus = 'success' | 'warning' | 'danger' | 'info';

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: { field: string; code: string; message: string }[];
}

export interface CurrentKey { id: string; name: string; role: Role }

export interface DateRangeJson { from: string; to: string }

export interface SparkPoint { period: string; start: string; value: number | null }

export interface TrendTest {
  test: string;
  points: number;
  pValue: number | null;
  senSlopePerDay: number | null;
  direction: Direction;
  significant: boolean;
  reason: string | null;
}

export interface KpiResult {
  code: string;
  name: string;
  unit: string;
  value: number | null;
  nullReason: string | null;
  target: number | null;
  achievement: number | null;
  previous: number | null;
  samePeriodLastYear: number | null;
  changeVsPrevious: number | null;
  changeVsLastYear: number | null;
  direction: Direction;
  trend: TrendTest;
  status: KpiStatus;
  sparkline: SparkPoint[];
}

export interface FinancialKpiReport {
  range: DateRangeJson;
  previousRange: DateRangeJson;
  samePeriodLastYearRange: DateRangeJson;
  dataVersion: number;
  kpis: KpiResult[];
}

export interface CustomerKpiReport { range: DateRangeJson; dataVersion: number; kpis: KpiResult[] }

export interface InventoryKpi { code: string; name: string; unit: string; value: number | null; nullReason: string | null }
export interface AgeingBucket { minDays: number; maxDays: number | null; units: number; value: number; share: { value: number | null } }
export interface KaratStockResult { karat: number; closingGrams: number; buyRatePerGram: number | null; value: number | null }
export interface InventoryKpiReport {
  range: DateRangeJson;
  dataVersion: number;
  kpis: InventoryKpi[];
  ageing: AgeingBucket[];
  goldStock: KaratStockResult[];
  goldStockValue: number | null;
}

export interface PagedList<T> { items: T[]; page: number; pageSize: number; total: number }

export interface CategoryShare { category: string; netRevenue: number; share: number | null }
export interface SalespersonRank {
  rank: number;
  salespersonId: number;
  name: string;
  branchId: number;
  revenue: number;
  netRevenue: number;
  grossProfit: number;
  margin: number | null;
  transactions: number;
  averageMarginPerSale: number | null;
  productMix: CategoryShare[];
}

export interface ProfitRow { rank: number; id: number; code: string; name: string; revenue: number; netRevenue: number; grossProfit: number; margin: number | null; units: number }
export interface BranchMonth { branchId: number; branch: string; month: string; revenue: number; netRevenue: number; grossProfit: number; margin: number | null }
export interface Mover { productId: number; sku: string; name: string; units: number; unitsPerDay: number; netRevenue: number }
export interface CategoryMovers { category: string; fast: Mover[]; slow: Mover[] }
export interface ProductPair { productA: number; skuA: string; productB: number; skuB: string; invoices: number; support: number; confidenceAToB: number; confidenceBToA: number; lift: number }
export interface BoughtTogetherReport { baskets: number; minimumSupport: number; minimumInvoices: number; pairs: PagedList<ProductPair> }
export interface ValuableCustomer { rank: number; customerId: number; name: string; netRevenue: number; grossProfit: number; invoices: number; lastPurchase: string }
export interface ProfileShare { key: string; topDecileShare: number; allCustomersShare: number }
export interface IdealCustomerProfile {
  customers: number;
  topDecileCustomers: number;
  topDecileProfitShare: number;
  topDecileTicketSize: number | null;
  allTicketSize: number | null;
  topDecileFrequency: number | null;
  allFrequency: number | null;
  categories: ProfileShare[];
  karats: ProfileShare[];
  branches: ProfileShare[];
}
export interface RfmSegmentSummary { segment: string; customers: number; share: number; averageRevenue: number }
export interface RfmReport { window: DateRangeJson; customers: number; segments: RfmSegmentSummary[] }
export interface CohortRow { month: string; customers: number; retention: number[] }

export interface ServiceHealth { status: string; latencyMs: number; reason?: string }
/** One KPI engine's warm-up after a host start: pending, warming, ready, failed or cancelled, and how long its fill took. */
export interface EngineWarmUp { engine: string; status: string; milliseconds: number | null; reason?: string | null }
/** Whether the host's KPI engines are warm: warming, ready or disabled; readyAfterMs counts from the process start. */
export interface KpiReadinessReport { status: string; readyAfterMs: number | null; engines: EngineWarmUp[] }
export interface HealthReport { status: string; host: ServiceHealth; database: ServiceHealth; blobStorage: ServiceHealth; mail: ServiceHealth; kpis?: KpiReadinessReport }

export interface OrchestrationInstance {
  name: string;
  instanceId: string;
  runtimeStatus: string;
  customStatus: unknown;
  output: unknown;
  createdTime: string;
  lastUpdatedTime: string;
  historyEvents?: { eventType?: string; timestamp?: string; name?: string; [field: string]: unknown }[] | null;
}

export interface FilterOption { id: string; name: string }
export interface FilterOptions { branches: FilterOption[]; productLines: FilterOption[]; categories: FilterOption[]; karats: number[] }

export interface TimerScheduleStatus {
  functionName: string;
  schedule: string;
  last: string | null;
  next: string | null;
  isRunning: boolean;
  lastStartedAt: string | null;
  lastCompletedAt: string | null;
  lastDuration: string | null;
  lastError: string | null;
}
