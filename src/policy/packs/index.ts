import type { PolicyOverrides } from '../schema';
import { derbyDerbyshire } from './derbyDerbyshire';
import { dudley } from './dudley';
import { durham } from './durham';
import { kirklees } from './kirklees';

export const builtInPacks: readonly PolicyOverrides[] = [durham, derbyDerbyshire, dudley, kirklees];
