import { useState } from 'react';
import type { ConfigEntry } from '../../api/types';
import { useAuth } from '../../ui/auth';
import { AsyncView, Banner, Button, Card, Table } from '../../ui/components';
import { useAsync } from '../../ui/hooks';
import { PageHeader } from '../../ui/shell';

const booleanKeys = /^(feature_|maintenance_mode)/;

function ConfigRow({ entry, editable, onSaved }: { entry: ConfigEntry; editable: boolean; onSaved: (msg: string, ok: boolean) => void }) {
  const { client } = useAuth();
  const [value, setValue] = useState(entry.value);
  const [busy, setBusy] = useState(false);
  const changed = value !== entry.value;
  const inputId = `cfg-${entry.key}`;
  const save = async () => {
    setBusy(true);
    try {
      await client.setConfig(entry.key, value);
      entry.value = value;
      onSaved(`Saved ${entry.key}.`, true);
    } catch (err) {
      onSaved(err instanceof Error ? err.message : 'Could not save', false);
    } finally {
      setBusy(false);
    }
  };
  const isBool = booleanKeys.test(entry.key) || entry.value === 'true' || entry.value === 'false';
  return (
    <tr>
      <th scope="row">
        <label htmlFor={inputId}>{entry.key}</label>
      </th>
      <td>
        {isBool ? (
          <select id={inputId} value={value} disabled={!editable} onChange={(e) => setValue(e.target.value)}>
            <option value="true">Enabled</option>
            <option value="false">Disabled</option>
          </select>
        ) : (
          <input
            id={inputId}
            value={value}
            readOnly={!editable}
            inputMode={/^\d+$/.test(entry.value) ? 'numeric' : undefined}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </td>
      <td>
        {editable ? (
          <Button variant="secondary" disabled={!changed} busy={busy} onClick={save} aria-label={`Save ${entry.key}`}>
            Save
          </Button>
        ) : null}
      </td>
    </tr>
  );
}

export function ConfigPage() {
  const { client, session } = useAuth();
  const detail = useAsync(() => client.configDetail(), [client]);
  const [notice, setNotice] = useState<{ msg: string; ok: boolean }>();
  const editable = session.role === 'platform_admin';
  return (
    <>
      <PageHeader
        title="Platform configuration"
        intro={editable ? 'Behaviour settings stored in the platform_config table. Save applies one key.' : 'Read-only: only platform administrators change settings.'}
      />
      {notice ? <Banner kind={notice.ok ? 'success' : 'error'}>{notice.msg}</Banner> : null}
      <AsyncView state={detail}>
        {(d) => (
          <>
            {Object.entries(d.categories).map(([cat, entries]) => (
              <Card key={cat} title={cat}>
                <Table caption={`${cat} settings`} columns={['Key', 'Value', { label: 'Actions', hidden: true }]}>
                  {entries.map((e) => (
                    <ConfigRow key={e.key} entry={e} editable={editable} onSaved={(msg, ok) => setNotice({ msg, ok })} />
                  ))}
                </Table>
              </Card>
            ))}
          </>
        )}
      </AsyncView>
    </>
  );
}
