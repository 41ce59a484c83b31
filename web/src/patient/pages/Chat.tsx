import { useEffect, useRef } from 'react';
import { useAuth } from '../../ui/auth';
import { Banner, Card } from '../../ui/components';
import { ChatView, usePipelineChat } from '../../ui/chat';
import { formatDateTime, useAsync } from '../../ui/hooks';
import { useRouter } from '../../ui/router';
import { PageHeader } from '../../ui/shell';

const suggestions = ['What are your opening hours?', 'Show my appointments', 'I need to book an appointment', 'I need a prescription refill'];

export function ChatPage() {
  const { client, session } = useAuth();
  const pid = session.patient_id!;
  const chat = usePipelineChat(client, { patientId: pid });
  const history = useAsync(() => client.patientConversations(pid, 10), [client, pid]);
  const { query } = useRouter();
  const asked = useRef(false);
  const prompt = query.get('prompt');
  useEffect(() => {
    if (prompt && !asked.current) {
      asked.current = true;
      void chat.send(prompt);
    }
  }, [prompt, chat]);
  const earlier = (history.data ?? []).slice().reverse();
  return (
    <>
      <PageHeader title="Messages" intro="Ask about your visits, medicines, billing or the clinic." />
      <Banner kind="info">
        For information, not diagnosis. In an emergency call <strong>911</strong>; for a mental-health crisis call or text <strong>988</strong>.
      </Banner>
      {earlier.length ? (
        <Card title="Earlier conversations">
          <details>
            <summary>Show {earlier.length} earlier message(s)</summary>
            <ul className="list">
              {earlier.map((t) => (
                <li key={t.id} style={{ display: 'block' }}>
                  <small className="hint">{t.createdAt ? formatDateTime(t.createdAt) : ''}</small>
                  <p>
                    <strong>You:</strong> {t.prompt}
                  </p>
                  <p>
                    <strong>AURIXA:</strong> {t.response}
                  </p>
                </li>
              ))}
            </ul>
          </details>
        </Card>
      ) : null}
      <ChatView chat={chat} suggestions={suggestions} placeholder="Type your question" label="Your message" />
    </>
  );
}
