/** Definitions of the Overview's and the Data view's figures. */
export const definitionsEn = {
  'defs.title': 'Definitions',
  'overview.defs.customers': 'Customers: customers with at least one purchase up to the as-of date. Customers with returns only are counted in the Data view and scored nowhere.',
  'overview.defs.orders': 'Orders: purchase orders up to the as-of date. Returns: orders netting below 0 (cancellation invoices); returned amount: their total, as a positive number.',
  'overview.defs.revenue': 'Revenue: the net amount of every order up to the as-of date; a return subtracts in the period it happened.',
  'overview.defs.ratios': 'Average order value: revenue ÷ purchase orders. Orders per customer: purchase orders ÷ customers. Customers with 2+ orders: the share of customers with at least two purchase orders.',
  'overview.defs.dates': 'First and last order: the earliest and latest order (purchase or return) up to the as-of date.',
  'overview.defs.monthly': 'The monthly chart: per calendar month, revenue net of returns (a return in its own month), purchase orders, and customers with a purchase.',
  'data.defs.read': 'Rows read: the records of the file. Rejected: rows without a customer ID, or whose date or amount cannot be read, and lines the CSV reader could not split; each is listed with its line number.',
  'data.defs.duplicates': 'Duplicate rows: later copies of a row whose every value repeats an earlier row, in any loaded file. They are kept unless you remove them.',
  'data.defs.loaded': 'Rows loaded: rows read − rejected (− duplicates once removed). Only loaded rows enter any analysis.',
  'data.defs.orders': 'An order is one order ID of one customer (or, without an order ID, one customer’s rows with the same timestamp). Purchase orders and return orders of a file count its orders by their net amount; customers are those with a purchase.',
};
