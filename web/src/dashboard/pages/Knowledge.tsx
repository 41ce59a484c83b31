import { useMemo, useState, type FormEvent } from 'react';
import type { Article, RetrieveResponse } from '../../api/types';
import { useAuth } from '../../ui/auth';
import { AsyncView, Banner, Button, Card, Empty, Field, Select, TextArea } from '../../ui/components';
import { useAction, useAsync } from '../../ui/hooks';
import { PageHeader } from '../../ui/shell';

const tenantNumber = (id: string) => Number(id.replace(/^t-0*/, '')) || 0;

function ArticleEditor({
  article,
  tenantOptions,
  defaultTenant,
  onSaved,
  onDeleted,
}: {
  article: Article | null;
  tenantOptions: Array<{ value: string; label: string }>;
  defaultTenant: number;
  onSaved: (a: Article) => void;
  onDeleted: () => void;
}) {
  const { client } = useAuth();
  const [title, setTitle] = useState(article?.title ?? '');
  const [content, setContent] = useState(article?.content ?? '');
  const [tenant, setTenant] = useState(String(article?.tenantId ?? defaultTenant));
  const { busy, error, run } = useAction();
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await run(
      () =>
        article
          ? client.updateArticle(article.id, { title: title.trim(), content })
          : client.createArticle({ title: title.trim(), content, tenant_id: Number(tenant) }),
      'Could not save',
    );
    if (saved) onSaved(saved);
  };
  const remove = async () => {
    if (!article || !window.confirm(`Delete “${article.title}”?`)) return;
    if (await run(() => client.deleteArticle(article.id), 'Could not delete')) onDeleted();
  };
  return (
    <form onSubmit={save} aria-label={article ? 'Edit article' : 'New article'}>
      {error ? <Banner kind="error">{error}</Banner> : null}
      <Field label="Title" required value={title} onChange={(e) => setTitle(e.target.value)} />
      {!article && tenantOptions.length > 1 ? (
        <Select label="Organization" value={tenant} options={tenantOptions} onChange={(e) => setTenant(e.target.value)} />
      ) : null}
      <TextArea label="Content" required value={content} onChange={(e) => setContent(e.target.value)} rows={10} />
      <div className="page-actions">
        <Button type="submit" busy={busy} disabled={!title.trim() || !content.trim()}>
          {article ? 'Save article' : 'Create article'}
        </Button>
        {article ? (
          <Button type="button" variant="danger" onClick={remove} disabled={busy}>
            Delete
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function RetrievalTest({ tenantOptions, defaultTenant }: { tenantOptions: Array<{ value: string; label: string }>; defaultTenant: number }) {
  const { client } = useAuth();
  const [query, setQuery] = useState('');
  const [topK, setTopK] = useState('5');
  const [tenant, setTenant] = useState(String(defaultTenant));
  const [result, setResult] = useState<RetrieveResponse>();
  const action = useAction();
  const { busy, error } = action;
  const run = async (e: FormEvent) => {
    e.preventDefault();
    const r = await action.run(() => client.retrieve(query.trim(), Number(topK), Number(tenant) || undefined), 'Retrieval failed');
    if (r) setResult(r);
  };
  return (
    <Card title="Retrieval test">
      <form onSubmit={run}>
        <Field label="Question" required value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. What are your opening hours?" />
        <div className="form-row">
          <Field label="Top K" type="number" min={1} max={20} value={topK} onChange={(e) => setTopK(e.target.value)} />
          {tenantOptions.length > 1 ? (
            <Select label="Organization" value={tenant} options={tenantOptions} onChange={(e) => setTenant(e.target.value)} />
          ) : null}
        </div>
        <Button type="submit" busy={busy} disabled={!query.trim()}>
          Retrieve
        </Button>
      </form>
      {error ? <Banner kind="error">{error}</Banner> : null}
      {result ? (
        <div aria-live="polite" data-testid="retrieval-results">
          <p className="hint">
            {result.snippets.length} chunk(s) in {result.metadata.query_time_ms} ms ({result.metadata.hybrid ? 'hybrid BM25 + vector' : 'keyword'})
            {result.metadata.index_empty ? ' — the index is empty' : ''}
          </p>
          {result.snippets.length === 0 ? <Empty>No matching chunks.</Empty> : null}
          <ol className="list" style={{ display: 'block' }}>
            {result.snippets.map((s, i) => (
              <li key={`${s.chunk_id}-${i}`} className="chunk" style={{ display: 'block' }}>
                <div className="chunk-head">
                  <span>
                    #{i + 1} {s.title}
                  </span>
                  <span className="score">score {s.score.toFixed(3)}</span>
                </div>
                <p>{s.content}</p>
                <small className="hint">
                  {s.source} · chunk {s.chunk_id}
                  {s.ranks ? ` · BM25 rank ${s.ranks.bm25 ?? '—'} · vector rank ${s.ranks.vector ?? '—'}` : ''}
                </small>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </Card>
  );
}

export function KnowledgePage() {
  const { client, session } = useAuth();
  const isPlatform = session.role === 'platform_admin';
  const articles = useAsync(() => client.articles(), [client]);
  const tenants = useAsync(() => client.tenants(), [client]);
  const [search, setSearch] = useState('');
  const [tenantFilter, setTenantFilter] = useState('0');
  const [selected, setSelected] = useState<Article | 'new' | null>(null);
  const [notice, setNotice] = useState<string>();
  const defaultTenant = session.tenant_id ?? 1;
  const tenantOptions = useMemo(
    () => (isPlatform ? (tenants.data ?? []).map((t) => ({ value: String(tenantNumber(t.id)), label: t.name })) : []),
    [isPlatform, tenants.data],
  );
  const tenantName = (id: number) => tenants.data?.find((t) => tenantNumber(t.id) === id)?.name ?? `t-${String(id).padStart(3, '0')}`;
  const visible = (articles.data ?? []).filter(
    (a) =>
      (tenantFilter === '0' || a.tenantId === Number(tenantFilter)) &&
      (!search || `${a.title} ${a.content}`.toLowerCase().includes(search.toLowerCase())),
  );
  return (
    <>
      <PageHeader
        title="Knowledge base"
        intro="Articles the assistant answers from. Changes reach retrieval right away."
        actions={<Button onClick={() => setSelected('new')}>New article</Button>}
      />
      {notice ? <Banner kind="success">{notice}</Banner> : null}
      <div className="grid-2">
        <Card title="Articles">
          <div className="form-row">
            <Field label="Search articles" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            {isPlatform ? (
              <Select
                label="Organization filter"
                value={tenantFilter}
                options={[{ value: '0', label: 'All organizations' }, ...tenantOptions]}
                onChange={(e) => setTenantFilter(e.target.value)}
              />
            ) : null}
          </div>
          <AsyncView state={articles}>
            {() =>
              visible.length === 0 ? (
                <Empty>No articles match.</Empty>
              ) : (
                <ul className="list" aria-label="Articles">
                  {visible.map((a) => (
                    <li key={a.id}>
                      <span>
                        <button type="button" className="link-button" onClick={() => setSelected(a)}>
                          {a.title}
                        </button>
                        <br />
                        <small className="hint">
                          {tenantName(a.tenantId)} · updated {a.updatedAt}
                        </small>
                      </span>
                    </li>
                  ))}
                </ul>
              )
            }
          </AsyncView>
        </Card>
        <Card title={selected === 'new' ? 'New article' : selected ? 'Edit article' : 'Editor'}>
          {selected ? (
            <ArticleEditor
              key={selected === 'new' ? 'new' : selected.id}
              article={selected === 'new' ? null : selected}
              tenantOptions={tenantOptions}
              defaultTenant={defaultTenant}
              onSaved={(a) => {
                setNotice(`Saved “${a.title}”.`);
                setSelected(a);
                articles.reload();
              }}
              onDeleted={() => {
                setNotice('Article deleted.');
                setSelected(null);
                articles.reload();
              }}
            />
          ) : (
            <Empty>Select an article to edit it, or create a new one.</Empty>
          )}
        </Card>
      </div>
      <RetrievalTest tenantOptions={tenantOptions} defaultTenant={defaultTenant} />
    </>
  );
}
