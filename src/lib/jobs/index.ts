export { defineTask, backoffMs, isRetryable, type TTaskDef, type TJobContext } from './define';
export { enqueue, localQueueSignal, type TEnqueueOptions } from './enqueue';
export { executeTask, runRecorded } from './record';
export { startLocalRunner, type TLocalRunner } from './local-runner';
