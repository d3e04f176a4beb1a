// What each object store tier costs per month. Only some of the figures are the guide's; the rest
// are derived from them, and DERIVED_FROM says how, so the report never passes a derived figure off
// as a quoted price.
//
//   from the guide:  5GB tier $20/month (Tier, Cost Summary); 10GB tier $50/month (Troubleshooting:
//                    "Consider 10GB tier ($50/month)"); the 50MB tier is the free tier (Migration
//                    Guide: "From 50MB Free Tier"); $4/GB/month and $0.0004/file/month (Storage ROI,
//                    both are the 5GB tier's $20 spread over its 5GB and its 50,000 files).
//   derived:         2GB tier = 2GB × $4/GB/month = $8/month; 50GB tier = 50GB × $4/GB/month =
//                    $200/month. The guide's own 10GB price is $5/GB, so these may be low.

export const GUIDE_COST_PER_GB_MONTH_USD = 4;
export const GUIDE_COST_PER_FILE_MONTH_USD = 0.0004;

export interface TierCost {
  tier: string;
  monthlyUsd: number;
  /** "guide": the guide states this price; "derived": computed from the guide's $/GB */
  source: "guide" | "derived";
  /** how a derived price was computed (empty for the guide's) */
  derivedFrom: string;
  /** tier size in binary GB, for ordering and upgrades */
  sizeGb: number;
}

export const TIER_COSTS: Readonly<Record<string, TierCost>> = {
  free: { tier: "free", monthlyUsd: 0, source: "guide", derivedFrom: "", sizeGb: 50 / 1024 },
  "50MB": { tier: "50MB", monthlyUsd: 0, source: "guide", derivedFrom: "", sizeGb: 50 / 1024 },
  "2GB": { tier: "2GB", monthlyUsd: 8, source: "derived", derivedFrom: "2GB × $4/GB/month", sizeGb: 2 },
  "5GB": { tier: "5GB", monthlyUsd: 20, source: "guide", derivedFrom: "", sizeGb: 5 },
  "10GB": { tier: "10GB", monthlyUsd: 50, source: "guide", derivedFrom: "", sizeGb: 10 },
  "50GB": { tier: "50GB", monthlyUsd: 200, source: "derived", derivedFrom: "50GB × $4/GB/month", sizeGb: 50 },
};

/** The tier's monthly cost, or null for a tier name the table does not know. */
export function tierCost(tier: string): TierCost | null {
  return Object.hasOwn(TIER_COSTS, tier) ? TIER_COSTS[tier] : null;
}

/** The next larger tier (5GB → 10GB), or null at the largest. "free" and "50MB" are one tier. */
export function nextTier(tier: string): TierCost | null {
  const current = tierCost(tier);
  if (!current) return null;
  const larger = Object.values(TIER_COSTS)
    .filter((t) => t.sizeGb > current.sizeGb)
    .sort((a, b) => a.sizeGb - b.sizeGb);
  return larger[0] ?? null;
}

/** `$20.00`, `$1,234.50` */
export function formatUsd(amount: number): string {
  return `$${amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** `$50/month` as the guide writes a price in prose (no cents when whole). */
export function formatMonthlyPrice(amount: number): string {
  const text = Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
  return `$${text}/month`;
}
