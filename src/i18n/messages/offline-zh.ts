/** 离线使用与更新。 */
export const offlineZh = {
  'offline.ready': '已可离线使用：此版本的 Customer Lens 已保存在浏览器中，断网时也能打开并分析文件。你的数据不会被发送到任何地方。',
  'offline.update': 'Customer Lens 有新版本可用。请在方便时重新加载：保存在本浏览器中的数据会在重新加载后再次打开（未能保存时，请再次加载文件）。',
  'offline.reload': '重新加载以更新',
};
