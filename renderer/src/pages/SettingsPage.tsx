import { Settings } from 'lucide-react';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

export function SettingsPage() {
  return (
    <div className="page">
      <PageHeader title="Settings" subtitle="Keychain, data folder, proxy, theme and backups." />
      <EmptyState icon={<Settings size={32} />} title="Nothing to set yet">
        Keychain status, export and import of your configuration, and theme settings appear here.
      </EmptyState>
    </div>
  );
}
