import { useState } from 'react';
import { field, isNotFound } from '../../api/client';
import type { Loose } from '../../api/types';
import { useAuth } from '../../ui/auth';
import { AsyncView, Badge, Banner, Button, Empty, Select } from '../../ui/components';
import { useAsync, usePolling } from '../../ui/hooks';
import { PageHeader } from '../../ui/shell';

const priorityRank: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

// The staff task queue (escalations, hand-offs, reminders), polled every 10 s. A server without the tasks route
// (404) shows an empty state.
export function TaskQueue({ compact, status = 'open' }: { compact?: boolean; status?: string }) {
  const { client } = useAuth();
  const tasks = useAsync(async () => {
    try {
      return await client.tasks(status ? { status } : {});
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }, [client, status]);
  usePolling(tasks.reload, 10_000);
  const [error, setError] = useState<string>();
  const move = async (t: Loose, to: string) => {
    try {
      await client.setTaskStatus(String(field(t, 'id')), to);
      tasks.reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not update the task');
    }
  };
  return (
    <AsyncView state={tasks} label="Loading tasks…">
      {(rows) => {
        if (rows === null) return <Empty>The task queue is not available on this server yet.</Empty>;
        const sorted = [...rows].sort(
          (a, b) => (priorityRank[String(field(a, 'priority'))] ?? 9) - (priorityRank[String(field(b, 'priority'))] ?? 9),
        );
        const shown = compact ? sorted.slice(0, 5) : sorted;
        return (
          <>
            {error ? <Banner kind="error">{error}</Banner> : null}
            {shown.length === 0 ? (
              <Empty>No open escalations.</Empty>
            ) : (
              <ul className="list" aria-label="Tasks" data-testid="task-list">
                {shown.map((t) => {
                  const st = String(field(t, 'status') ?? 'open');
                  const pr = String(field(t, 'priority') ?? 'normal');
                  return (
                    <li key={String(field(t, 'id'))}>
                      <span>
                        <Badge value={pr} /> <strong>{String(field(t, 'title') ?? 'Task')}</strong>
                        <br />
                        <small className="hint">
                          {String(field(t, 'kind') ?? '')} · {String(field(t, 'createdAt', 'created_at') ?? '')}
                          {field(t, 'details') ? ` · ${String(field(t, 'details'))}` : ''}
                        </small>
                      </span>
                      <span className="page-actions">
                        <Badge value={st} />
                        {st === 'open' ? (
                          <Button variant="secondary" onClick={() => void move(t, 'in_progress')}>
                            Start
                          </Button>
                        ) : null}
                        {st !== 'done' ? <Button onClick={() => void move(t, 'done')}>Mark done</Button> : null}
                      </span>
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        );
      }}
    </AsyncView>
  );
}

export function TasksPage() {
  const [status, setStatus] = useState('open');
  return (
    <>
      <PageHeader
        title="Escalations and tasks"
        intro="Emergencies and hand-offs raised by the assistant, newest urgent first. Refreshes every 10 seconds."
        actions={
          <Select
            label="Show"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            options={[
              { value: 'open', label: 'Open' },
              { value: 'in_progress', label: 'In progress' },
              { value: 'done', label: 'Done' },
              { value: '', label: 'All' },
            ]}
          />
        }
      />
      <TaskQueue status={status} />
    </>
  );
}
