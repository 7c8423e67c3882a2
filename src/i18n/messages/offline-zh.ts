/** 离线使用与更新。 */
export const offlineZh = {
  'offline.ready': '已可离线使用：此版本的 Customer Lens 已保存在浏览器中，断网时也能打开并分析文件。你的数据不会被发送到任何地方。',
  'offline.update': 'Customer Lens 有新版本可用。重新加载会丢失本标签页中已加载的文件，请先完成当前分析。',
  'offline.reload': '重新加载以更新',
};
