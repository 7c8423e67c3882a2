/**
 * The hand-worked monthly fixture of src/analyses/cohorts (`MONTHLY`) as a CSV file, as of its last date, 2024-04-15
 * (d's order on Apr 16 left out): cohort 2024-01 = a, b, f; 2024-02 = c alone; 2024-03 = d, e. a skips February; a1
 * is one order of two lines; f has two orders on one day. Acquired through the App channel: b and d. Net revenue
 * per customer: a 35.00, b 10.00, f 3.00, c 100.00, d 42.00, e 8.00.
 */
export const MONTHLY_CSV = `order_id,customer_id,order_date,amount,channel
a1,a,2024-01-05 10:00:00,6.00,Web
a1,a,2024-01-05 10:00:00,4.00,Web
a2,a,2024-01-20 09:00:00,5.00,Web
a3,a,2024-03-02 12:00:00,20.00,App
b1,b,2024-01-31 23:59:59,7.50,App
b2,b,2024-02-01 00:00:00,2.50,Web
f1,f,2024-01-25 10:00:00,1.00,Web
f2,f,2024-01-25 15:00:00,2.00,Web
c1,c,2024-02-10 08:00:00,100.00,Store
d1,d,2024-03-15 08:00:00,30.00,App
d2,d,2024-04-15 23:00:00,12.00,Web
e1,e,2024-03-20 08:00:00,8.00,Web
`;
