import { eventually, requestAsGuest } from './backendApi';

interface Task {
  id: string;
  status: 'open' | 'processing' | 'completed' | 'failed' | 'cancelled';
}

/**
 * Runs the data-project template for real as the guest, once the catalog has it, and
 * waits for its task to end; a task that does not complete fails with its last events.
 */
export async function runDataProjectTemplate(
  backendUrl: string,
  values: Record<string, unknown>,
): Promise<void> {
  await eventually('the data-project template in the catalog', async () => {
    const { status } = await requestAsGuest(
      backendUrl,
      '/api/catalog/entities/by-name/template/default/data-project',
    );
    return status === 200 ? true : undefined;
  });
  const created = await requestAsGuest<{ id: string }>(
    backendUrl,
    '/api/scaffolder/v2/tasks',
    {
      method: 'POST',
      body: { templateRef: 'template:default/data-project', values },
    },
  );
  if (created.status !== 201) {
    throw new Error(`the task was not created: ${created.status}`);
  }
  const task = await eventually(
    'the scaffolder task to finish',
    async () => {
      const { body } = await requestAsGuest<Task>(
        backendUrl,
        `/api/scaffolder/v2/tasks/${created.body.id}`,
      );
      return ['completed', 'failed', 'cancelled'].includes(body.status)
        ? body
        : undefined;
    },
    120_000,
  );
  if (task.status !== 'completed') {
    const events = await requestAsGuest(
      backendUrl,
      `/api/scaffolder/v2/tasks/${task.id}/events`,
    );
    throw new Error(
      `task ${task.status}: ${JSON.stringify(events.body).slice(-2000)}`,
    );
  }
}
