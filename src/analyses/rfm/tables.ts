/** The table of per-customer measures (depends on the data and the as-of date only). */
export const RFM_MEASURES = 'rfm_measures';
/** The per-customer RFM result other views join on `customer_id`. Its name and columns are kept stable. */
export const RFM_CUSTOMERS = 'rfm_customers';
