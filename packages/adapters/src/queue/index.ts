export { InProcessJobQueue, type InProcessJobQueueOptions } from './in-process/in-process-job-queue.js';
