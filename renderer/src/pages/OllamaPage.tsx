import { Cpu } from 'lucide-react';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function OllamaPage() {
  return (
    <div className="page">
      <PageHeader title="Ollama" subtitle="Local models: discover, pull, run and test." />
      <EmptyState icon={<Cpu size={32} />} title="Ollama management is not available yet">
        This page will find your Ollama server, list its models and pull new ones with progress.
      </EmptyState>
    </div>
  );
}
