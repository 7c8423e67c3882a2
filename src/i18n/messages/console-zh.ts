/** SQL 控制台。 */
export const consoleZh = {
  'sql.openConsole': '在 SQL 控制台中打开',
  'sql.openConsoleOf': '在 SQL 控制台中打开“{title}”',
  'console.title': 'SQL 控制台',
  'console.intro':
    '在本页内用 DuckDB SQL 查询模型中的表。只读：每次执行一条针对左侧所列表的 SELECT 语句；修改表、挂载、安装或加载扩展、读取文件的语句都会被拒绝。结果在 SQL 中分页和排序；“下载 CSV”保存结果的全部行。',
  'console.schema': '数据表',
  'console.queryTable': '查询 {table}',
  'console.query': 'SQL 查询',
  'console.run': '运行查询',
  'console.runHint': '也可按 Ctrl + Enter 运行。',
  'console.result': '查询结果',
  'console.history': '本次会话运行过的语句',
  'console.failed': '查询失败：{reason}',
  'console.refused.empty': '请先输入一条 SELECT 语句。',
  'console.refused.keyword': '已拒绝：{name} 会修改模型或访问模型之外的内容；控制台是只读的。',
  'console.refused.not_select': '已拒绝：控制台是只读的，只运行 SELECT 语句（不允许 INSERT、UPDATE、DELETE、CREATE、DROP、ATTACH、INSTALL、LOAD、COPY、SET 或 PRAGMA）。',
  'console.refused.several': '已拒绝：请一次只运行一条语句。',
  'console.refused.table': '已拒绝：“{name}”不是模型中的表（控制台不能读取文件）。请从列表中选择一张表。',
  'console.refused.function': '已拒绝：表函数 {name}() 可能读取文件或运行其他语句；控制台只允许 range()、generate_series()、unnest() 和 DuckDB 的目录函数。',
};
