import type { filtersEn } from './filters-en';

/** 全局筛选栏。 */
export const filtersZh: Record<keyof typeof filtersEn, string> = {
  'filter.title': '筛选',
  'filter.help': '筛选条件作用于所有视图和导出，只保留符合条件的订单；截止日期保持不变。筛选条件保存在网址中，筛选后的视图可以收藏和分享。',
  'filter.from': '订单起始日期',
  'filter.to': '订单结束日期',
  'filter.dimension': '筛选维度',
  'filter.value': '取值',
  'filter.add': '添加筛选',
  'filter.remove': '移除筛选 {dimension}：{value}',
  'filter.removeDates': '移除日期范围筛选',
  'filter.clear': '清除筛选',
  'filter.chooseDimension': '请选择…',
  'filter.dates': '日期 {from} – {to}',
  'filter.open': '…',
  'filter.active': '已筛选：所有视图只显示符合筛选条件的数据。',
  'filter.waiting': '已加载的数据中还没有这一维度：加载含有它的文件后生效',
  'filter.applying': '正在应用筛选…',
  'filter.dim.region': '地区',
  'filter.dim.channel': '渠道',
  'filter.dim.payment': '支付方式',
  'filter.dim.category': '品类',
  'filter.dim.product': '商品',
  'filter.dim.segment': 'RFM 客户分群',
  'filter.segmentNote': 'RFM 分群筛选保留的是应用筛选时、按截止日期在全部数据上评分所得该分群的客户。',
};
