// The hand-worked fixture of src/analyses/rfm (test/fixtures/rfm/transactions.ts) as a user's CSV. J's order on
// 2024-04-02 is after the as-of date the test sets (2024-03-31); B's two identical lines are one order. Under the
// purchase definition C's return o6 is not a purchase (C: 2 purchases, last on 02-01, 59 days) and D, with only a
// return, is not a customer: 9 customers, where there were 10 when every order counted.
export const RFM_SHOP_CSV = `order_id,customer_id,order_date,amount
o1,A,2024-03-31 15:00:00,100.00
o2,A,2024-03-01 09:00:00,50.00
o3,B,2024-03-31 10:00:00,10.00
o3,B,2024-03-31 10:00:00,10.00
o4,C,2024-01-01 08:00:00,30.00
o5,C,2024-02-01 08:00:00,30.00
o6,C,2024-03-21 08:00:00,-10.00
o7,D,2023-12-31 23:59:59,-5.00
o8,E,2024-03-21 12:00:00,40.00
o9,F,2024-02-01 12:00:00,40.00
o10,G,2024-03-30 12:00:00,200.00
o11,G,2024-03-15 12:00:00,25.00
o12,G,2024-03-01 12:00:00,25.00
o13,G,2024-02-15 12:00:00,25.00
o14,H,2024-01-31 12:00:00,10.00
o15,I,2024-03-01 12:00:00,60.00
o16,I,2024-03-11 12:00:00,60.00
o17,J,2024-04-02 12:00:00,999.00
o18,J,2023-06-01 12:00:00,5.00
`;
