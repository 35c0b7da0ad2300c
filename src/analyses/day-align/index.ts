export { type AlignedDay, alignByDay } from './model.js';
