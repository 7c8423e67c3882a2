import type { ClusterModel } from '../analyses/segments/clusters-sql';
import { clusterFeatureColumnsSql } from '../analyses/segments/clusters-sql';
import { clusterFeatures, clusterNameCode, numberByMonetary } from '../analyses/segments/clusters';
import { clusterInWorker, type ClusterResult } from '../analyses/segments/kmeans-client';
import { customerFacts } from '../model/customer-facts';
import type { QueryLayer } from '../query/query-layer';
import { i18n } from '../i18n/i18n.svelte';
import type { MessageKey } from '../i18n/en';

/** The seed of every clustering: the same data and k give the same clusters. */
const SEED = 42;

export type ClusterCode = ReturnType<typeof clusterNameCode>;

export interface CustomerClusters {
  version: number;
  asOf: string;
  fit: ClusterResult;
  /** Each customer's cluster 1…k (numbered by mean monetary value, highest first), in the order of `clusterFeaturesSql`. */
  labels: Uint8Array;
  /** Old (fit) label → cluster number. */
  map: number[];
  /** The rule that puts any customer in a cluster, `centroids[n − 1]` for cluster n. */
  model: ClusterModel;
  /** The automatic name's parts of cluster n at `codes[n − 1]`. */
  codes: ClusterCode[];
}

let last = $state.raw<CustomerClusters | null>(null);
let scan: { key: string; perK: ClusterResult['perK']; bestK: number } | null = null;

/**
 * k-means clusters of the customers at `asOf` on ln(1 + R), ln(1 + F), ln(1 + M), standardised, in a worker: `k`,
 * or the k of the highest silhouette. Every k from 2 to 10 is scored once per data version and as-of date (the
 * elbow and the silhouette); a k picked afterwards is fitted alone.
 */
export async function fitCustomerClusters(layer: QueryLayer, asOf: string, k: number | null, signal: AbortSignal): Promise<CustomerClusters> {
  // The same fit asked for again (the Migration view's, then the Segments view's): the same seed gives the same answer.
  const fitted = currentClusters(layer.version, asOf);
  if (fitted && fitted.fit.k === (k ?? fitted.fit.bestK)) return fitted;
  // Columns, not rows: a million customers never become a million objects on the main thread.
  const features = await layer.queryColumns({ sql: clusterFeatureColumnsSql(), params: [asOf], tables: [customerFacts(asOf)] }, { signal });
  const [recency, frequency, monetary] = features.columns as [Float64Array, Float64Array, Float64Array];
  const scanKey = `${layer.version}|${asOf}`;
  const scanned = scan?.key === scanKey ? scan : undefined;
  const fit = await clusterInWorker(clusterFeatures(recency, frequency, monetary), 3, { k: k ?? undefined, seed: SEED, kMin: 2, kMax: 10, scanned, signal });
  scan = { key: scanKey, perK: fit.perK, bestK: fit.bestK };
  const map = numberByMonetary(fit.labels, monetary, fit.k);
  const byNumber = [...Array(fit.k).keys()].sort((a, b) => map[a]! - map[b]!);
  const result: CustomerClusters = {
    version: layer.version,
    asOf,
    fit,
    labels: Uint8Array.from(fit.labels, (l: number) => map[l]!),
    map,
    model: { mean: fit.mean, sd: fit.sd, centroids: byNumber.map((old) => fit.centroids[old]!) },
    codes: byNumber.map((old) => clusterNameCode(fit.centroids[old]!)),
  };
  last = result;
  return result;
}

/** The clusters last fitted for this data version and as-of date (in the Segments view or elsewhere), else null. */
export function currentClusters(version: number, asOf: string): CustomerClusters | null {
  const c = last;
  return c && c.version === version && c.asOf === asOf ? c : null;
}

class ClusterNames {
  /** Names the user typed, by cluster number. */
  typed = $state<Record<number, string>>({});
}
export const clusterNames = new ClusterNames();

/** A cluster's name: the one the user typed, else the automatic one from its centroid, in the UI language. */
export function clusterName(cluster: number, code: ClusterCode | undefined): string {
  const typed = clusterNames.typed[cluster];
  if (typed) return typed;
  if (!code) return String(cluster);
  return i18n.t('seg.clusterName', { value: i18n.t(`seg.value.${code.value}` as MessageKey), recency: i18n.t(`seg.recency.${code.recency}` as MessageKey) });
}
