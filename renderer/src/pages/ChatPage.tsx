import { MessageSquare } from 'lucide-react';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function ChatPage() {
  return (
    <div className="page">
      <PageHeader title="Chat" subtitle="Talk to any provider, chain or route." />
      <EmptyState icon={<MessageSquare size={32} />} title="No conversations yet">
        Chat needs at least one provider. Once chat is available, your conversations are saved here and listed in a sidebar.
      </EmptyState>
    </div>
  );
}
