/**
 * Transactions and a customer file worked by hand for the Segments view (src/analyses/segments/attributes.test.ts and
 * test/browser/segments.test.ts). a: Web once, App twice → App; c: Store then Web, one each → the later, Web; d's order
 * on 2024-06-30 makes that the last date. In the customer file a's second row (line 6) repeats an id (the first is
 * kept); e has no transactions and d no attributes.
 */
export const SEGMENT_ORDERS = `order_id,customer_id,order_date,amount,channel
1,a,2024-01-10,100,Web
2,a,2024-02-15,50,App
3,a,2024-03-01,30,App
4,b,2024-01-05,40,Web
5,c,2024-01-20,70,Store
6,c,2024-02-20,10,Web
7,d,2024-06-30,25,App
`;

export const SEGMENT_CUSTOMERS = `customer_id,gender,birth_date,city,membership
a,F,1990-07-01,Shanghai,Gold
b,M,2000-06-30,Beijing,Silver
c,F,1970-12-31,Shanghai,Gold
e,M,1985-01-01,Hangzhou,Silver
a,M,1991-01-01,Beijing,Silver
`;
