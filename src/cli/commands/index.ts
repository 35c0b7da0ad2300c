import type { Command } from 'commander';
import { registerInit } from './init.js';

/** Every CLI command registers itself here; one file per command. */
export const COMMANDS: Array<(program: Command) => void> = [registerInit];
