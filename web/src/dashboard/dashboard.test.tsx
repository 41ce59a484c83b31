import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PerformanceReport, Stats } from '../api/types';
import { fakeClient } from '../test/fake-server';
import { DashboardApp } from './App';
import { latencyPercentiles, sumCost, trafficByService, volumeByType } from './pages/analytics-data';

const stats = (count: number, cost: number | null = null): Stats => ({
  count,
  error_count: 0,
  error_rate: 0,
  avg_latency_ms: 10,
  p50_latency_ms: 5,
  p95_latency_ms: 20,
  p99_latency_ms: 30,
  max_latency_ms: 40,
  input_tokens: 0,
  output_tokens: 0,
  cache_hit_rate: 0.5,
  escalations: 1,
  total_cost_usd: cost,
});

const report: PerformanceReport = {
  generated_at: 0,
  window: { from: 0, to: 3600 },
  totals: stats(6),
  overall_metrics: { llm_call: stats(4, 0.02), pipeline_step: stats(2) },
  service_metrics: { 'llm-router': { llm_call: stats(4, 0.02) }, orchestration: { pipeline_step: stats(2) } },
  model_metrics: {},
  step_metrics: { classify_intent: stats(2) },
  tenant_metrics: {},
  series: [
    { ...stats(2), t: 0 },
    { ...stats(4), t: 1800 },
  ],
};

describe('analytics data', () => {
  it('derives chart series from a performance report', () => {
    expect(sumCost(report)).toBeCloseTo(0.02);
    expect(volumeByType(report)).toEqual([{ label: 'llm_call', value: 4 }, { label: 'pipeline_step', value: 2 }]);
    expect(trafficByService(report)[0]).toEqual({ label: 'llm-router', value: 4 });
    expect(latencyPercentiles(report.totals).map((d) => d.value)).toEqual([5, 20, 30, 40]);
  });
});

describe('dashboard', () => {
  it('renders analytics charts from the reports', async () => {
    window.history.pushState(null, '', '/dashboard/analytics');
    const { client } = fakeClient(
      {
        'GET /api/v1/admin/analytics/summary': () => ({
          conversations_total: 3,
          tenants_count: 2,
          audit_entries_count: 9,
          knowledge_articles_count: 5,
          patients_count: 4,
          appointments_count: 7,
        }),
        'GET /api/v1/observe/reports/performance': () => report,
      },
      { role: 'platform_admin', email: 'admin@aurixa.io' },
    );
    render(<DashboardApp client={client} />);
    expect(await screen.findByRole('img', { name: 'Event volume by type' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Latency percentiles (all events)' })).toBeTruthy();
    expect(screen.getByText('Appointments').nextSibling?.textContent).toBe('7');
    expect(document.title).toContain('Analytics');
  });

  it('edits a knowledge article and shows ranked retrieval results', async () => {
    window.history.pushState(null, '', '/dashboard/knowledge');
    const article = { id: 3, title: 'Opening hours', content: 'We open at 8.', tenantId: 1, createdAt: '', updatedAt: '' };
    const { client, calls } = fakeClient(
      {
        'GET /api/v1/admin/knowledge/articles': () => [article],
        'GET /api/v1/admin/tenants': () => [{ id: 't-001', name: 'General Hospital', plan: 'enterprise', status: 'active', apiKeys: 1, created: '' }],
        'PATCH /api/v1/admin/knowledge/articles/3': (b) => ({ ...article, ...(b as object) }),
        'POST /api/v1/rag/retrieve': () => ({
          snippets: [{ source: 'kb-3', content: 'We open at 7.', score: 0.91, article_id: 3, title: 'Opening hours', chunk_id: '3-0' }],
          metadata: { query_time_ms: 1.2, hybrid: true, tenant_id: 1 },
        }),
      },
      { role: 'platform_admin' },
    );
    render(<DashboardApp client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Opening hours' }));
    const editor = screen.getByRole('form', { name: 'Edit article' });
    fireEvent.change(within(editor).getByLabelText('Content'), { target: { value: 'We open at 7.' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save article' }));
    expect(await screen.findByText('Saved “Opening hours”.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ title: 'Opening hours', content: 'We open at 7.' });

    fireEvent.change(screen.getByLabelText('Question'), { target: { value: 'when do you open' } });
    fireEvent.click(screen.getByRole('button', { name: 'Retrieve' }));
    const results = await screen.findByTestId('retrieval-results');
    expect(results.textContent).toContain('score 0.910');
    expect(results.textContent).toContain('#1 Opening hours');
    await waitFor(() => expect(calls.find((c) => c.path === '/api/v1/rag/retrieve')?.body).toMatchObject({ prompt: 'when do you open', top_k: 5, tenant_id: 1 }));
  });
});
