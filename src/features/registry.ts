/**
 * Composition root for background work: every task of every feature. The local runner runs these;
 * trigger/ wraps each one for Trigger.dev. A test checks the two lists agree.
 */
import type { TTaskDef } from '@/lib/jobs';
import { leadsTasks } from './leads';
import { notificationTasks } from './notifications';
import { sequencesTasks } from './sequences';
import { systemTasks } from './system';

export const allTasks: TTaskDef[] = [...notificationTasks, ...systemTasks, ...leadsTasks, ...sequencesTasks] as TTaskDef[];
