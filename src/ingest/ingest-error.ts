/** Why a file could not be loaded; the view turns the code into a translated message. */
export type IngestErrorCode =
  | 'empty_file'
  | 'header_only'
  | 'not_text'
  | 'spreadsheet'
  | 'archive'
  | 'no_header'
  | 'unreadable'
  | 'missing_roles'
  | 'too_large'
  | 'out_of_memory'
  | 'cancelled'
  | 'workspace_incompatible'
  | 'workspace_damaged'
  | 'workspace_restore'
  | 'failed';

/** A load failure that names the file and, where it applies, the line or columns and what to do. */
export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    readonly file: string,
    readonly detail: { line?: number; columns?: string[]; reason?: string } = {},
  ) {
    super(`${code}: ${file}${detail.line ? ` (line ${detail.line})` : ''}${detail.reason ? ` — ${detail.reason}` : ''}`);
    this.name = 'IngestError';
  }
}
