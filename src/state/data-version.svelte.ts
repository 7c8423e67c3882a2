/** The data version the views show (set by `AppState` after every change of the data), for keys that need it. */
export const dataVersion = $state({ value: 0 });
