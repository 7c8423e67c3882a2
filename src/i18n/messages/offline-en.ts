/** Working offline and updating. */
export const offlineEn = {
  'offline.ready': 'Ready to work offline: this version of Customer Lens is stored in your browser, so it opens and analyses files with the network off. It never sends your data anywhere.',
  'offline.update': 'A new version of Customer Lens is ready. Reloading loses the files loaded in this tab; finish your analysis first.',
  'offline.reload': 'Reload to update',
};
