import { describe, expect, it } from 'vitest';
import { detectRoles, missingRoles, normalizeHeader } from './roles';

describe('detectRoles', () => {
  it('maps English headers in their common spellings', () => {
    expect(detectRoles(['Customer ID', 'Order Date', 'Revenue', 'Order ID', 'Channel', 'Region'], [])).toMatchObject({
      customer_id: 'Customer ID', order_date: 'Order Date', amount: 'Revenue', order_id: 'Order ID', channel: 'Channel', region: 'Region',
    });
    expect(detectRoles(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'], [])).toMatchObject({
      order_id: 'InvoiceNo', product: 'Description', quantity: 'Quantity', order_date: 'InvoiceDate', unit_price: 'UnitPrice', customer_id: 'CustomerID', region: 'Country', amount: null,
    });
    expect(detectRoles(['customer_id', 'date', 'number_of_cds', 'dollar_value'], [])).toMatchObject({
      customer_id: 'customer_id', order_date: 'date', quantity: 'number_of_cds', amount: 'dollar_value',
    });
  });

  it('maps Chinese headers', () => {
    expect(detectRoles(['会员ID', '下单日期', '销售额', '订单号', '数量', '单价', '商品', '渠道', '省份'], [])).toEqual({
      customer_id: '会员ID', order_date: '下单日期', amount: '销售额', order_id: '订单号', quantity: '数量', unit_price: '单价',
      product: '商品', category: null, channel: '渠道', region: '省份', payment: null,
    });
    expect(detectRoles(['客户编号', '日期', '实付金额'], [])).toMatchObject({ customer_id: '客户编号', order_date: '日期', amount: '实付金额' });
  });

  it('falls back on the values for dates and amounts when headers say nothing', () => {
    const m = detectRoles(['who', 'when', 'paid'], [
      ['x', '2024-01-05', '12.50'],
      ['y', '2024-02-01', '3.99'],
    ]);
    expect(m).toMatchObject({ order_date: 'when', amount: 'paid', customer_id: null });
    expect(missingRoles(m)).toEqual(['customer_id']);
  });

  it('gives each column one role at most', () => {
    const m = detectRoles(['customer', 'date', 'amount'], []);
    expect(new Set(Object.values(m).filter(Boolean)).size).toBe(3);
  });

  it('normalises spacing, case and punctuation', () => {
    expect(normalizeHeader(' Customer_ID ')).toBe('customerid');
    expect(normalizeHeader('客户 (ID)')).toBe('客户id');
  });
});
