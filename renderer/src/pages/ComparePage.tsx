import { Columns3 } from 'lucide-react';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function ComparePage() {
  return (
    <div className="page">
      <PageHeader title="Compare" subtitle="One prompt, several models side by side, with honest metrics." />
      <EmptyState icon={<Columns3 size={32} />} title="Nothing to compare yet">
        Comparison runs send one prompt to two to six targets at once and show time to first token, tokens per second and cost per column.
      </EmptyState>
    </div>
  );
}
