import { Banner, Card } from '../../ui/components';
import { Link } from '../../ui/router';
import { PageHeader } from '../../ui/shell';

export function HelpPage() {
  return (
    <>
      <PageHeader title="Help and support" />
      <Banner kind="emergency" title="In an emergency">
        Call <strong>911</strong> or go to the nearest emergency department. For a mental-health crisis call or text <strong>988</strong>.
      </Banner>
      <div className="grid-2">
        <Card title="Ask the assistant">
          <p>Opening hours, directions, billing, insurance and your visits.</p>
          <Link to="/chat">Open messages</Link>
        </Card>
        <Card title="Need a person?">
          <p>Ask the assistant to “talk to a person”: a member of staff will follow up.</p>
        </Card>
        <Card title="Privacy">
          <p>You only ever see your own records. Your session ends when you close this tab.</p>
        </Card>
      </div>
    </>
  );
}
