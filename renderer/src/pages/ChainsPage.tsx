import { Workflow } from 'lucide-react';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function ChainsPage() {
  return (
    <div className="page">
      <PageHeader title="Chains" subtitle="Retries, fallbacks and model routes that keep answers coming." />
      <EmptyState icon={<Workflow size={32} />} title="No chains yet">
        A chain tries its targets in order and falls back when one fails. Routes send a model hint to a chain.
      </EmptyState>
    </div>
  );
}
