import type { Db, Row } from '../db/db';
import { savedSettings } from '../workspace/saved-settings.svelte';
import { clusterProfilesSql, clusterSegmentMixSql, clustersExportSql, createClustersSql, CUSTOMER_CLUSTERS } from '../analyses/segments/clusters-sql';
import { inertiaShares, labelsCsv } from '../analyses/segments/clusters';
import { clusterName, fitCustomerClusters, type ClusterCode } from './cluster-model.svelte';
import { customerFacts } from '../model/customer-facts';
import type { TableSpec } from '../query/query-layer';
import { saveCsv } from '../export/download';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';
import { rfm } from './rfm.svelte';

export interface ClusterResult {
  k: number;
  /** The k the silhouette picks (the default). */
  bestK: number;
  perK: { k: number; inertia: number; silhouette: number }[];
  /** The customers the centres were fitted on when a sample (`FIT_SAMPLE`); null: all of them. */
  sampled: number | null;
  customers: number;
  /** Per cluster 1…k: its share of the inertia and the automatic name's parts. */
  clusters: { cluster: number; inertiaShare: number; code: ClusterCode }[];
  table: TableSpec;
  profiles: Row[];
  mix: Row[];
}

let runs = 0;

/** k-means clusters of the customers on ln(1 + R), ln(1 + F), ln(1 + M), standardised, in a worker. */
export class ClustersState {
  /** Null: the k the silhouette picks. */
  k = $state<number | null>(null);
  readonly result: Loader<unknown, ClusterResult>;

  constructor(private app: AppState) {
    savedSettings.bind('clusters', this, ['k']);
    this.result = new Loader(
      () => (app.hasData && app.asOf && app.layer ? { v: app.version, asOf: app.asOf, k: this.k, rfm: rfm.options } : null),
      async ({ asOf, k }, signal) => {
        const layer = app.layer!;
        const { fit, labels, map, codes } = await fitCustomerClusters(layer, asOf, k, signal);
        const csv = labelsCsv(labels);
        const run = ++runs;
        const table: TableSpec = {
          name: CUSTOMER_CLUSTERS,
          key: { asOf, k: fit.k, run },
          deps: [customerFacts(asOf)],
          build: async (db: Db) => {
            const file = `${db.fileDir}clusters_${run}.csv`;
            await db.registerFile(file, csv);
            await db.exec(createClustersSql(file));
            await db.dropFile(file);
          },
        };
        const shares = inertiaShares(fit.standardized, 3, fit.labels, fit.centroids);
        const clusters = [...Array(fit.k).keys()].map((old) => ({ cluster: map[old]!, inertiaShare: shares[old]!, code: codes[map[old]! - 1]! }))
          .sort((a, b) => a.cluster - b.cluster);
        const rfmTable = rfm.table(asOf);
        const [profiles, mix] = await Promise.all([
          layer.query({ sql: clusterProfilesSql(), params: [asOf], tables: [customerFacts(asOf), table] }, { signal }),
          layer.query({ sql: clusterSegmentMixSql(rfmTable.name), tables: [table, rfmTable] }, { signal }),
        ]);
        return { k: fit.k, bestK: fit.bestK, perK: fit.perK, sampled: fit.sampled, customers: fit.labels.length, clusters, table, profiles, mix };
      },
    );
  }

  /** A cluster's name: the one the user typed, else the automatic one in the UI language. */
  nameOf(cluster: number): string {
    return clusterName(cluster, this.result.value?.clusters.find((x) => x.cluster === cluster)?.code);
  }

  downloadClusters = async (): Promise<void> => {
    const r = this.result.value;
    if (!r) return;
    saveCsv('clusters.csv', await this.app.layer!.exportCsv({ sql: clustersExportSql(), params: [this.app.asOf], tables: [customerFacts(this.app.asOf), r.table] }));
  };

  downloadProfiles = async (): Promise<void> => {
    const r = this.result.value;
    if (!r) return;
    const names = r.clusters.map((c) => this.nameOf(c.cluster));
    const sql = clusterProfilesSql(names, r.clusters.map((c) => c.inertiaShare));
    saveCsv('cluster_profiles.csv', await this.app.layer!.exportCsv({ sql, params: [this.app.asOf], tables: [customerFacts(this.app.asOf), r.table] }));
  };
}
