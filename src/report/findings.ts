import type { ReportData } from './gather';

/** A finding and the action it suggests, as message keys with their values (translated when the report is written). */
export interface Finding {
  key: 'largestSegment' | 'concentration' | 'atRisk' | 'retentionUp' | 'retentionDown' | 'retentionFlat' | 'nps' | 'driver' | 'funnelDrop';
  values: Record<string, string | number>;
}

/** Retention changes smaller than this (in points of share) read as flat. */
const FLAT = 0.01;
/** How many of the latest complete cohorts the retention trend compares with the ones before them. */
const TREND_COHORTS = 3;

/**
 * What the figures say, in the order a manager reads them: the largest segment, how concentrated revenue is, the
 * revenue at risk, and whether period-1 retention improves. A finding is left out when its section is not in the
 * report or the data cannot support it. Shares are 0–1; amounts as numbers.
 */
export function findings(data: ReportData): Finding[] {
  const out: Finding[] = [];
  const segments = data.rfm?.segments.filter((s) => s.customers > 0) ?? [];
  if (segments.length > 0) {
    const byCustomers = segments.reduce((a, b) => (b.customers > a.customers ? b : a));
    const byRevenue = segments.reduce((a, b) => (b.revenue > a.revenue ? b : a));
    out.push({
      key: 'largestSegment',
      values: { segment: byCustomers.name, customers: byCustomers.customers, share: byCustomers.customer_share ?? 0, revenueSegment: byRevenue.name, revenueShare: byRevenue.revenue_share ?? 0 },
    });
  }
  const top = data.rfm ? revenueShareOfTop(data.rfm.pareto, 0.2) : null;
  if (top !== null) out.push({ key: 'concentration', values: { share: top } });
  const atRisk = data.lifecycle?.stages.find((s) => s.stage === 'at_risk');
  if (atRisk && Number(atRisk.customers) > 0) {
    out.push({ key: 'atRisk', values: { customers: Number(atRisk.customers), share: Number(atRisk.customer_share ?? 0), revenue: Number(atRisk.revenue), revenueShare: Number(atRisk.revenue_share ?? 0), window: data.lifecycle!.window } });
  }
  const complete = (data.cohorts?.periodOne ?? []).filter((r) => !r.partial && Number(r.cohort_size) > 0);
  if (complete.length >= 2 * TREND_COHORTS) {
    const rate = (rows: typeof complete) => rows.reduce((s, r) => s + Number(r.customers), 0) / rows.reduce((s, r) => s + Number(r.cohort_size), 0);
    const recent = complete.slice(-TREND_COHORTS);
    const before = complete.slice(-2 * TREND_COHORTS, -TREND_COHORTS);
    const [from, to] = [rate(before), rate(recent)];
    const key = to - from > FLAT ? 'retentionUp' : from - to > FLAT ? 'retentionDown' : 'retentionFlat';
    out.push({ key, values: { from, to, cohorts: TREND_COHORTS, first: String(recent[0]!.cohort), last: String(recent[recent.length - 1]!.cohort) } });
  }
  const nps = data.satisfaction?.overall;
  if (nps && Number(nps.responses) > 0 && nps.nps !== null) {
    out.push({ key: 'nps', values: { nps: Number(nps.nps), low: Number(nps.nps_low), high: Number(nps.nps_high), responses: Number(nps.responses), detractorShare: Number(nps.detractors) / Number(nps.responses) } });
  }
  // The most important attribute customers rate below average: where improving pays most.
  const concentrate = (data.satisfaction?.drivers ?? []).filter((d) => d.quadrant === 'concentrate').sort((a, b) => Number(b.importance) - Number(a.importance))[0];
  if (concentrate) out.push({ key: 'driver', values: { question: String(concentrate.question), importance: Number(concentrate.importance).toFixed(2) } });
  const steps = data.events?.funnel ?? [];
  let worst: Record<string, unknown> | null = null;
  for (const r of steps.slice(1)) if (r.conversion_from_previous !== null && (!worst || Number(r.conversion_from_previous) < Number(worst.conversion_from_previous))) worst = r;
  if (worst) {
    const prev = steps.find((r) => r.step === Number(worst!.step) - 1)!;
    out.push({ key: 'funnelDrop', values: { from: String(prev.event), to: String(worst.event), stepShare: Number(worst.conversion_from_previous), firstShare: Number(steps.at(-1)!.conversion_from_first) } });
  }
  return out;
}

/** The share of revenue from the top `fraction` of customers, read off the Pareto curve (linear between points). */
export function revenueShareOfTop(curve: readonly { customer_share: number; revenue_share: number }[], fraction: number): number | null {
  const points = curve.filter((p) => Number.isFinite(p.customer_share) && Number.isFinite(p.revenue_share));
  if (points.length < 2) return null;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (b.customer_share >= fraction) {
      const span = b.customer_share - a.customer_share;
      return span > 0 ? a.revenue_share + ((fraction - a.customer_share) / span) * (b.revenue_share - a.revenue_share) : b.revenue_share;
    }
  }
  return points[points.length - 1]!.revenue_share;
}
