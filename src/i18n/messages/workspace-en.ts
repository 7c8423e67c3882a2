/** The saved workspace: what is kept in this browser, exporting and forgetting it. */
export const workspaceEn = {
  'workspace.title': 'Saved workspace',
  'workspace.saving': 'Saving the data in this browser…',
  'workspace.saved': 'Saved in this browser ({size}, {time}): a reload or a restart opens it again without reading the files.',
  'workspace.settingsOnly': 'This browser has no private file system for web pages: only the settings are kept; after a reload, load the files again.',
  'workspace.tooBig': 'The data is too large to keep in this browser (it is held compressed in memory): only the settings are kept.',
  'workspace.failed': 'The data could not be saved in this browser ({reason}): only the settings are kept.',
  'workspace.export': 'Export workspace',
  'workspace.forget': 'Forget this data',
  'workspace.hint': 'Kept only in this browser, never uploaded. “Export workspace” saves data and settings as one file that the file input opens again.',
  'error.workspace_incompatible': '“{file}” is a workspace from another version of Customer Lens (format {reason}), which this version cannot open. Load the original CSV files instead. Data loaded before is unchanged.',
  'error.workspace_damaged': '“{file}” is not a complete Customer Lens workspace (it may be truncated). Export the workspace again. Data loaded before is unchanged.',
  'error.workspace_restore': 'The data saved in this browser could not be opened ({reason}). The settings are kept; load the files again.',
};
