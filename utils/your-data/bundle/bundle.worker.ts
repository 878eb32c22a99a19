/// <reference lib="webworker" />
import { openPulseDb } from '../../db/open';
import type { ImportPlan } from './plan';
import { ImportRejected, localise, useMessages } from './problems';
import { applyPlan, exportFile, planFile, planRecords, replan } from './session';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

/**
 * The bundle worker: reading, checking, planning, applying and exporting run here so the page
 * stays responsive. One worker serves one preview (then its apply) or one export.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;
let plan: ImportPlan | undefined;

function reply(message: WorkerReply, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

const progress = (done: number, total: number) => reply({ type: 'progress', done, total });

let messagesLoaded: Promise<void> | undefined;

/** The extension's messages (default locale), for the wording of problems found here. */
function loadMessages(): Promise<void> {
  messagesLoaded ??= fetch(new URL('/_locales/en/messages.json', self.location.href))
    .then((response) => response.json())
    .then(useMessages, () => {
      // Without them problems name their message keys; the page words them again anyway.
    });
  return messagesLoaded;
}

async function handle(request: WorkerRequest): Promise<void> {
  await loadMessages();
  const db = await openPulseDb();
  switch (request.type) {
    case 'preview-file':
    case 'preview-records': {
      plan =
        request.type === 'preview-file'
          ? await planFile(db, request.file, request.fileName, progress)
          : await planRecords(db, request.records, request.fileName, request.app, progress);
      const { bundle: _bundle, ...shown } = plan;
      reply({ type: 'planned', plan: shown });
      return;
    }
    case 'replan': {
      if (!plan) throw new Error(localise('dataImportNothingToReplan'));
      plan = await replan(db, plan, request.choices);
      const { bundle: _bundle, ...shown } = plan;
      reply({ type: 'planned', plan: shown });
      return;
    }
    case 'apply': {
      if (!plan) throw new Error(localise('dataImportNothingToApply'));
      const result = await applyPlan(db, plan, request.choices, progress);
      plan = undefined;
      reply({ type: 'applied', result });
      return;
    }
    case 'export': {
      const { blob, fileName } = await exportFile(db, request.scope, {
        errorLog: request.errorLog,
        app: request.app,
        onProgress: progress,
      });
      reply({ type: 'exported', blob, fileName });
      return;
    }
  }
}

scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  handle(event.data).catch((error: unknown) => {
    if (error instanceof ImportRejected) reply({ type: 'rejected', problems: error.problems });
    else {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      reply({ type: 'failed', name, message });
    }
  });
});
