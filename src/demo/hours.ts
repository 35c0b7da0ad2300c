import { AliasTable } from './alias-table.js';

/** Orders per hour of day on an ordinary day (evening peak) and on 双11 (midnight rush). */
const ORDINARY = [
  2, 1, 0.5, 0.3, 0.2, 0.3, 0.8, 1.5, 2.5, 3.5, 4.5, 4.5, 4, 4, 4.2, 4.3, 4.3, 4, 4, 5, 6.5, 7.5, 7, 4.5,
];
const PEAK = ORDINARY.map((w, h) => (h === 0 ? 30 : h === 1 ? 8 : h >= 20 ? w * 2 : w));

export const ORDINARY_HOURS = new AliasTable(ORDINARY);
export const PEAK_HOURS = new AliasTable(PEAK);
