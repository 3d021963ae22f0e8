import { Plug } from 'lucide-react';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function ProvidersPage() {
  return (
    <div className="page">
      <PageHeader title="Providers" subtitle="Your AI providers, their keys and connection tests." />
      <EmptyState icon={<Plug size={32} />} title="No providers yet">
        Providers you add appear here, with their connection status. Adding and testing providers arrives in the next release of this page.
      </EmptyState>
    </div>
  );
}
