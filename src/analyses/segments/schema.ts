/**
 * The customer-attribute model, built from the loaded customer files (src/ingest/customer-loader.ts): one row per
 * customer id in `customer_profile` (the first row of an id; later ones are listed in `customer_duplicates`), and
 * every categorical attribute, as written, in the long table `customer_attrs` (attribute = the header as written).
 */
export const CUSTOMER_TABLES = ['customer_profile', 'customer_attrs', 'customer_duplicates', 'customer_files'] as const;

export function dropCustomerTablesSql(): string[] {
  return ['memory', 'lens'].flatMap((c) => CUSTOMER_TABLES.map((t) => `DROP TABLE IF EXISTS ${c}.main.${t}`));
}
