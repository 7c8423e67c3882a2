/**
 * Orders worked by hand for segment migration (src/analyses/migration/migration-sql.test.ts), between
 * MIGRATION_FROM = 2024-04-01 and MIGRATION_TO = 2024-06-30 (90 days apart):
 * - a buys all along; b stops after March (drifts down); c and h first buy between the dates (new);
 * - d's cancellation C1 (−40, 06-01) nets its money down after the from-date; i has a return before the from-date
 *   but no purchase (so it is new at the to-date); j buys on the from-date itself (counted there, 90 days old at the
 *   to-date); e's order on 07-05 is after the to-date; f comes back in June.
 */
export const MIGRATION_FROM = '2024-04-01';
export const MIGRATION_TO = '2024-06-30';

export const MIGRATION_CSV = `order_id,customer_id,order_date,amount
a1,a,2024-01-15,50.00
a2,a,2024-03-20,60.00
a3,a,2024-05-10,40.00
a4,a,2024-06-20,30.00
b1,b,2024-02-01,80.00
b2,b,2024-03-25,70.00
c1,c,2024-05-20,30.00
d1,d,2024-03-01,120.00
C1,d,2024-06-01,-40.00
e1,e,2023-12-01,20.00
e2,e,2024-07-05,500.00
f1,f,2023-11-15,40.00
f2,f,2024-06-25,90.00
g1,g,2024-03-10,25.00
g2,g,2024-06-05,25.00
h1,h,2024-04-15,10.00
C2,i,2024-02-10,-15.00
i1,i,2024-06-28,200.00
j1,j,2024-04-01,100.00
`;

/**
 * Orders worked by hand for the Markov chain (src/analyses/migration/markov.test.ts), as of 2024-03-31. Monthly
 * periods counted back from the as-of date: 0 = (02-29, 03-31], 1 = (01-31, 02-29], 2 = (12-31, 01-31],
 * 3 = (11-30, 12-31], 4 = (10-31, 11-30], 5 = (09-30, 10-31].
 * - x: purchases in periods 5 (10-15, 50), 3 (12-31, 30: the period's last day) and 0 (03-01, 40), a return in
 *   period 2 (01-10, −10);
 * - y: one purchase in period 4 (11-30, 20: the period's last day);
 * - z: a return before its first purchase (01-05, −8, period 2), purchases in period 1 (02-29, 25) and period 0
 *   (03-31, 15, with a return of −5 the same day), an order after the as-of date (04-01).
 */
export const MARKOV_AS_OF = '2024-03-31';

export const MARKOV_CSV = `order_id,customer_id,order_date,amount
x1,x,2023-10-15,50.00
x2,x,2023-12-31,30.00
xr,x,2024-01-10,-10.00
x3,x,2024-03-01,40.00
y1,y,2023-11-30,20.00
zr,z,2024-01-05,-8.00
z1,z,2024-02-29,25.00
z2,z,2024-03-31,15.00
zr2,z,2024-03-31,-5.00
z3,z,2024-04-01,99.00
`;
