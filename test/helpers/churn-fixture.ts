/**
 * Transactions and a customer file worked by hand for the churn data set (src/analyses/churn/features.test.ts), at
 * the cutoff 2024-03-31 with a 30-day window (label window 2024-04-01 … 2024-04-30) and the as-of date 2024-06-30.
 *
 * - a: purchases 2023-12-20 (Web), 2024-02-10 (App, two lines: Toys and Books), 2024-03-20 (App); a cancellation
 *   (net −20) on 2024-03-25; buys again on 2024-04-30 23:00, the last day of the window (Garden, a new category).
 * - b: one purchase on 2023-11-15 (App); buys again on 2024-05-01 00:30, the day after the window.
 * - c: two orders on 2023-12-01 (Web at 10:00, then App), one on 2024-01-10, one on the cutoff day at 23:30; buys
 *   again on 2024-04-10.
 * - d: first buys on 2024-04-05, after the cutoff.
 * - e: one purchase on 2023-10-01 and a partial return on 2024-01-15, neither with a channel or a category.
 * - f: a return only (never a purchase).
 */
export const CHURN_ORDERS = `order_id,customer_id,order_date,amount,quantity,channel,category
1,a,2023-12-20 10:00,100,1,Web,Books
2,a,2024-02-10 09:00,20,1,App,Toys
2,a,2024-02-10 09:00,30,1,App,Books
3,a,2024-03-20 12:00,30,1,App,Home
4,a,2024-03-25 08:00,-20,-1,App,Home
5,a,2024-04-30 23:00,60,1,App,Garden
6,b,2023-11-15 14:00,80,2,App,Books
7,b,2024-05-01 00:30,25,1,App,Books
8,c,2023-12-01 10:00,40,1,Web,Toys
9,c,2023-12-01 16:00,15,1,App,Toys
10,c,2024-01-10 12:00,25,1,Web,Books
11,c,2024-03-31 23:30,45,1,Web,Home
12,c,2024-04-10 11:00,20,1,Web,Toys
13,d,2024-04-05 10:00,50,1,Web,Books
14,e,2023-10-01 10:00,70,1,,
15,e,2024-01-15 10:00,-30,-1,,
16,f,2024-02-01 10:00,-10,-1,Web,Books
`;

/**
 * The customer file: c has no birth date, e no gender; d (no purchase by the cutoff) and g (no transactions) would
 * change the levels and the mean age if they were counted. `email` has a value per customer (high cardinality).
 */
export const CHURN_CUSTOMERS = `customer_id,gender,birth_date,membership,email
a,F,1990-04-01,Gold,a@example.com
b,M,2000-03-31,Silver,b@example.com
c,F,,Gold,c@example.com
d,M,1960-06-15,Bronze,d@example.com
e,,1985-12-31,Bronze,e@example.com
g,M,1950-01-01,Bronze,g@example.com
`;
