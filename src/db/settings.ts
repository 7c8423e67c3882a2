/**
 * Statements run on every new database, browser and Node alike. Extension auto-loading would make DuckDB fetch
 * code from the extension site (a request leaving the tab): it stays off.
 */
export function startupSql(memoryLimit: string): string {
  return [
    `SET autoinstall_known_extensions = false`,
    `SET autoload_known_extensions = false`,
    `SET memory_limit = '${memoryLimit.replace(/[^0-9A-Za-z.]/g, '')}'`,
    `SET preserve_insertion_order = true`,
  ].join(';\n');
}
