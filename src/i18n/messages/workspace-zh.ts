/** 保存的工作区：浏览器中保留的内容、导出与清除。 */
export const workspaceZh = {
  'workspace.title': '保存的工作区',
  'workspace.saving': '正在把数据保存到本浏览器…',
  'workspace.saved': '已保存在本浏览器中（{size}，{time}）：重新加载或重启浏览器后无需再次读取文件即可打开。',
  'workspace.settingsOnly': '本浏览器不为网页提供私有文件系统：只保留设置；重新加载后请再次加载文件。',
  'workspace.tooBig': '数据太大，无法保留在本浏览器中（它以压缩形式存于内存）：只保留设置。',
  'workspace.failed': '数据无法保存到本浏览器（{reason}）：只保留设置。',
  'workspace.export': '导出工作区',
  'workspace.forget': '清除这些数据',
  'workspace.hint': '只保存在本浏览器中，从不上传。“导出工作区”把数据和设置存为一个文件，可通过文件选择再次打开。',
  'error.workspace_incompatible': '“{file}”是另一版本 Customer Lens 的工作区（格式 {reason}），此版本无法打开。请改为加载原始 CSV 文件。之前加载的数据保持不变。',
  'error.workspace_damaged': '“{file}”不是完整的 Customer Lens 工作区（可能被截断）。请重新导出工作区。之前加载的数据保持不变。',
  'error.workspace_restore': '无法打开本浏览器中保存的数据（{reason}）。设置已保留；请再次加载文件。',
};
