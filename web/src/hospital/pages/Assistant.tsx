import { useAuth } from '../../ui/auth';
import { Banner } from '../../ui/components';
import { ChatView, usePipelineChat } from '../../ui/chat';
import { useAsync } from '../../ui/hooks';
import { useRouter } from '../../ui/router';
import { PageHeader } from '../../ui/shell';

const prompts: Record<string, string[]> = {
  doctor: ['Summarise today’s schedule', 'What is our follow-up guidance after a visit?', 'Show upcoming visits'],
  nurse: ['What is our follow-up guidance after a visit?', 'Show upcoming visits', 'What are the clinic hours?'],
  default: ['Find appointment information', 'What is our scheduling policy?', 'What are the clinic hours?'],
};

export function AssistantPage() {
  const { client, session } = useAuth();
  const { query } = useRouter();
  const pid = Number(query.get('patientId')) || undefined;
  const patient = useAsync(() => (pid ? client.patient(pid) : Promise.resolve(undefined)), [client, pid]);
  const chat = usePipelineChat(client, { patientId: pid });
  return (
    <>
      <PageHeader title="Clinical assistant" intro="Answers come from your organization’s knowledge base and records; check before acting." />
      {pid ? <Banner kind="info">Active patient: {patient.data?.fullName ?? `#${pid}`}</Banner> : null}
      <ChatView chat={chat} suggestions={prompts[session.role] ?? prompts.default} label="Message to the assistant" />
    </>
  );
}
