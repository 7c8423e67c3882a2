/** Working offline and updating. */
export const offlineEn = {
  'offline.ready': 'Ready to work offline: this version of Customer Lens is stored in your browser, so it opens and analyses files with the network off. It never sends your data anywhere.',
  'offline.update': 'A new version of Customer Lens is ready. Reload when it suits you: data saved in this browser opens again after the reload (where it could not be saved, load the files again).',
  'offline.reload': 'Reload to update',
};
