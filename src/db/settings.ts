/**
 * Statements run on every new database, browser and Node alike. Extension auto-loading would make DuckDB fetch
 * code from the extension site (a request leaving the tab): it stays off. File access is then limited to the one
 * folder where the app registers users' files and writes exports, so no query can reach a URL or another path;
 * then the configuration is locked.
 */
export function startupSql(memoryLimit: string, fileDir: string, engineSettings: string[] = []): string {
  return [
    ...engineSettings,
    `SET autoinstall_known_extensions = false`,
    `SET autoload_known_extensions = false`,
    `SET memory_limit = '${memoryLimit.replace(/[^0-9A-Za-z.]/g, '')}'`,
    `SET preserve_insertion_order = true`,
    `SET allowed_directories = ['${fileDir.replaceAll("'", "''")}']`,
    `SET enable_external_access = false`,
    `SET lock_configuration = true`,
  ].join(';\n');
}
