/** Per-customer lifecycle result at the as-of date, one row per customer (see `createLifecycleCustomersSql`). */
export const LIFECYCLE_CUSTOMERS = 'lifecycle_customers';
